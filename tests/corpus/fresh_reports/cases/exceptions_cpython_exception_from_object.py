# family: exceptions
# hazard: unpicklable-exception
# line: 28
# timeout: 10
# expect: fork=error:AttributeError+hang spawn=error:AttributeError+hang forkserver=error:AttributeError+hang
# note: Shape of https://github.com/python/cpython/issues/103061 ("multiprocessing.Pool hangs on certain custom Exceptions": `class MyExc(Exception): def __init__(self, stuff): super().__init__(stuff.two)`): the exception keeps only a field of the object it was built from, so re-creating it in the parent from its args fails inside the pool's result thread and map() never returns.
"""Validate records in a pool; a bad record raises an error that carries the record."""
import multiprocessing
import sys


class Record:
    def __init__(self, key, value):
        self.key = key
        self.value = value


class ValidationError(Exception):
    def __init__(self, record):
        super().__init__(record.key)
        self.record = record


def validate(item):
    key, value = item
    record = Record(key, value)
    if value < 0:
        raise ValidationError(record)
    return key


def main():
    items = [("a", 1), ("b", -2), ("c", 3)]
    with multiprocessing.Pool(2) as pool:
        try:
            keys = pool.map(validate, items)
        except ValidationError as exc:
            print("RESULT=invalid %s" % exc)
            return 0
    print("RESULT=%s" % keys)
    return 0


if __name__ == "__main__":
    sys.exit(main())
