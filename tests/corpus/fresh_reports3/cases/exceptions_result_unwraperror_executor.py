# family: exceptions
# hazard: unpicklable-exception
# line: 24 30
# timeout: 20
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/rustedpy/result/issues/200 ("UnwrapError is not pickleable": "TypeError: UnwrapError.__init__() missing 1 required positional argument: 'message'"; "sometimes you want exceptions to come back over process boundaries", reported from a ProcessPoolExecutor map over PDF files): a task unwraps an Err result, the library raises UnwrapError(result, message) which passes only the message to Exception.__init__, and the parent cannot rebuild it. Reduced: Ok/Err are two small classes.
"""Extract text from documents in a process pool, unwrapping each parse result."""
from concurrent.futures import ProcessPoolExecutor


class Ok:
    def __init__(self, value):
        self.value = value

    def unwrap(self):
        return self.value


class Err:
    def __init__(self, value):
        self.value = value

    def unwrap(self):
        raise UnwrapError(self, "Called `Result.unwrap()` on an `Err` value")


class UnwrapError(Exception):
    def __init__(self, result, message):
        self._result = result
        super().__init__(message)


def parse(name):
    return Err("encrypted") if name.endswith("-locked.pdf") else Ok(name.upper())


def extract_combined(name):
    return parse(name).unwrap()


def map_with_progress(fn, inputs):
    with ProcessPoolExecutor(max_workers=2) as pool:
        return list(pool.map(fn, inputs))


if __name__ == "__main__":
    try:
        out = map_with_progress(extract_combined, ["a.pdf", "b-locked.pdf", "c.pdf"])
    except UnwrapError as exc:
        out = ["failed: %s" % exc]
    print("RESULT=%s" % out)
