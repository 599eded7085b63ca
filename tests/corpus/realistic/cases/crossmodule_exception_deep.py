# family: crossmodule
# hazard: unpicklable-exception
# line: appkit/validate.py:15
# files: appkit/validate.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: A pool task calls appkit.validate three calls deep, where ValidationError(field, reason) is raised; its __init__ takes two arguments but passes one message to Exception.__init__, so the parent cannot rebuild it and the executor breaks. Modelled on https://github.com/python/cpython/issues/103061 (multiprocessing hangs/breaks on custom exceptions that cannot be unpickled).
"""Validate and score records with a ProcessPoolExecutor."""
import concurrent.futures

from appkit import validate

RECORDS = [
    {"name": "ann", "age": 34, "score": 0.7},
    {"name": "ben", "age": 210, "score": 0.4},
    {"name": "cyd", "age": 51, "score": 0.9},
]


def score_record(record):
    clean = validate.validate_record(record)
    return clean["name"], round(clean["score"] * 100)


def main():
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        try:
            for name, points in pool.map(score_record, RECORDS):
                print(name, points)
        except validate.ValidationError as exc:
            print("invalid record:", exc.field, exc.reason)


if __name__ == "__main__":
    main()
