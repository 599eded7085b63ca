# family: results
# hazard: none
# line: none
# files: r6kit/errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/tjfontaine/linode-python/pull/22 -- the merged fix: the error defines __reduce__ returning its class and value, so the worker's exception reaches the parent and is caught there.
import multiprocessing
import random

from r6kit.errors import PicklableApiError


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
        raise PicklableApiError({"ERRORCODE": 4, "ERRORMESSAGE": "Object not found"}, "linode.list")
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
    except PicklableApiError as exc:
        result = "api error %s" % exc.value["ERRORCODE"]
    print("RESULT=%s" % result)
