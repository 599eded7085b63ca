# family: exceptions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/agronholm/pythonfutures/issues/30: SchemaError passes every argument to Exception.__init__ and formats its message in __str__, so the parent rebuilds it and the program reports the bad record and returns; nothing is lost or hangs.
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
        super().__init__(record_id, field)
        self.record_id = record_id
        self.field = field

    def __str__(self):
        return f"record {self.record_id}: bad field {self.field!r}"


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
            return
    print("valid records:", ok)


if __name__ == "__main__":
    main()
