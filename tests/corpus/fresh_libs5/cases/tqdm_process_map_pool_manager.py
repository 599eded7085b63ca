# family: args
# hazard: unpicklable-argument
# line: 28
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/quixio/quix-streams/pull/755 -- "QuixPortalApiService failing in multiprocessing environment because of SessionWithUrlBase not being pickled properly"; an HTTP helper holding a urllib3 PoolManager (its RLock) given to tqdm's process_map in a partial cannot be pickled.
import functools

import urllib3
from tqdm.contrib.concurrent import process_map


class PortalApi:
    def __init__(self, base_url):
        self.base_url = base_url
        self.http = urllib3.PoolManager(num_pools=4, retries=urllib3.Retry(total=2))

    def url_for(self, path):
        return self.base_url.rstrip("/") + "/" + path


def fetch_topic(topic, api=None):
    return api.url_for("topics/%s" % topic)


if __name__ == "__main__":
    api = PortalApi("https://portal-api.example.invalid/")
    topics = ["orders", "payments", "refunds", "users"]
    urls = process_map(functools.partial(fetch_topic, api=api), topics, max_workers=2,
                       disable=True)
    print("RESULT=%d" % len(urls))
