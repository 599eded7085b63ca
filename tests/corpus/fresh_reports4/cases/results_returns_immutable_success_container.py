# family: results
# hazard: unpicklable-return
# line: 37
# expect: fork=error:ImmutableStateError+hang spawn=error:ImmutableStateError+hang forkserver=error:ImmutableStateError+hang
# timeout: 6
# note: Shape of https://github.com/dry-python/returns/issues/202 ("Multiprocessing Result example": returning Success(data) from a pool task crashes the parent's result handler with ImmutableStateError, because unpickling a __slots__ container sets its slot through the __setattr__ that forbids mutation; imap_unordered then never yields).
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
