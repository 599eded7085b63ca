# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/quixio/quix-streams/pull/755 -- the fix: "replaced SessionWithUrlBase with the bare requests.Session"; a requests.Session defines __getstate__ (its adapters' connection pools are rebuilt), so the helper pickles through tqdm's process_map.
import functools

import requests
from tqdm.contrib.concurrent import process_map


class PortalApi:
    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer token"

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
