# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/dry-python/returns/issues/202: the library's fix gives BaseContainer __getstate__/__setstate__ that restore the slot with object.__setattr__, so Success(data) unpickles in the parent despite the immutability guard.
import multiprocessing
import time


class ImmutableStateError(AttributeError):
    """Raised when a container is mutated."""


class BaseContainer(object):
    __slots__ = ("_inner_value",)

    def __init__(self, inner_value):
        object.__setattr__(self, "_inner_value", inner_value)

    def __setattr__(self, attr_name, attr_value):
        raise ImmutableStateError()

    def __delattr__(self, attr_name):
        raise ImmutableStateError()

    def __getstate__(self):
        return {"_inner_value": self._inner_value}

    def __setstate__(self, state):
        object.__setattr__(self, "_inner_value", state["_inner_value"])


class Success(BaseContainer):
    __slots__ = ()

    def unwrap(self):
        return self._inner_value


def process_test(data):
    time.sleep(0.01)
    return Success(data)


def testme():
    pool = multiprocessing.Pool(processes=2)
    items = ["test1", "test2", "test3", "test4", "test5"]
    results = pool.imap_unordered(process_test, items)
    pool.close()
    collected = sorted(r.unwrap() for r in results)
    pool.join()
    return collected


if __name__ == "__main__":
    multiprocessing.freeze_support()
    print("RESULT=%d" % len(testme()))
