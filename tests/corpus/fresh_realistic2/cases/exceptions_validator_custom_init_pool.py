# family: exceptions
# hazard: unpicklable-exception
# line: 32
# timeout: 12
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: Shape of https://github.com/agronholm/pythonfutures/issues/30 ("Raising an exception that is unable to be unpickled causes hang", there in the futures backport; here the same exception in multiprocessing.Pool, whose result-handler thread dies), in a data-validation job: an exception class with its own __init__: a schema validator raises `SchemaError(record_id, field)` whose __init__ hands only a formatted message to Exception. The worker's exception pickles, but the parent's result handler cannot rebuild it (TypeError: __init__() missing 1 required positional argument) and Pool.map never returns.
"""Validate customer records against a schema in a process pool.

Usage: validate.py [--strict]
"""
import argparse
import multiprocessing

SCHEMA = {"id": int, "email": str, "age": int}
RECORDS = [
    {"id": 1, "email": "ada@example.org", "age": 36},
    {"id": 2, "email": "linus@example.org", "age": "fifty"},
    {"id": 3, "email": "grace@example.org", "age": 85},
]


class SchemaError(Exception):
    def __init__(self, record_id, field):
        super().__init__(f"record {record_id}: bad field {field!r}")
        self.record_id = record_id
        self.field = field


def validate(record):
    for field, kind in SCHEMA.items():
        if not isinstance(record.get(field), kind):
            raise SchemaError(record["id"], field)
    return record["id"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strict", action="store_true", default=True)
    args = parser.parse_args()

    with multiprocessing.Pool(2) as pool:
        try:
            ok = pool.map(validate, RECORDS)
        except SchemaError as exc:
            print("invalid:", exc)
            raise SystemExit(2 if args.strict else 0)
    print("valid records:", ok)


if __name__ == "__main__":
    main()
