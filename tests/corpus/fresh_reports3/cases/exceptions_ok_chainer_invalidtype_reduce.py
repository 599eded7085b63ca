# family: exceptions
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix in https://github.com/chainer/chainer/pull/6884 ("Make InvalidType picklable"): InvalidType defines __reduce__ returning its class and (expect, actual, msg), so the exception raised by a type check in a pool worker is rebuilt in the parent and caught there.
"""Convert mini-batches in a pool, type-checking every array first."""
import multiprocessing


class InvalidType(Exception):
    def __init__(self, expect, actual, msg=None):
        if msg is None:
            msg = "Expect: {0}\nActual: {1}".format(expect, actual)
        super(InvalidType, self).__init__(msg)
        self.expect = expect
        self.actual = actual

    def __reduce__(self):
        msg, = self.args
        return (InvalidType, (self.expect, self.actual, msg))


def convert_batch(batch):
    shapes = [len(x) for x in batch]
    if len(set(shapes)) != 1:
        raise InvalidType("in_types[0].shape == in_types[1].shape", str(shapes))
    return [sum(x) for x in batch]


if __name__ == "__main__":
    batches = [[[1, 2], [3, 4]], [[1, 2], [3]]]
    try:
        with multiprocessing.Pool(2) as pool:
            converted = pool.map(convert_batch, batches)
    except InvalidType as exc:
        converted = "invalid: %s" % exc.actual
    print("RESULT=%s" % converted)
