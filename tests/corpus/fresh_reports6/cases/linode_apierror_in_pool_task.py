# family: results
# hazard: unpicklable-exception
# line: 29
# files: r6kit/errors.py
# timeout: 8
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: github.com/tjfontaine/linode-python/pull/22 -- a Pool worker (maxtasksperchild=1) calling the API raises an ApiError whose __init__(self, value, action) passes only a formatted message to Exception.__init__, so the parent cannot rebuild it and pool.map hangs (the PR's sample: exceptions raised in workers must be picklable; it adds __reduce__).
import multiprocessing
import random

from r6kit.errors import ApiError


class FakeApi:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def linode_list(self, item):
        num = self.rng.randint(1, 100)
        if item["id"] == 3:
            num = 10
        return num


def worker(item):
    api = FakeApi(item["id"])
    num = api.linode_list(item)
    if num < 30:
        raise ApiError({"ERRORCODE": 4, "ERRORMESSAGE": "Object not found"}, "linode.list")
    return num


def run(data):
    pool = multiprocessing.Pool(processes=2, maxtasksperchild=1)
    try:
        return pool.map(worker, data)
    finally:
        pool.terminate()


if __name__ == "__main__":
    data = [{"id": i} for i in range(6)]
    try:
        result = run(data)
    except ApiError as exc:
        result = "api error %s" % exc
    print("RESULT=%s" % result)
