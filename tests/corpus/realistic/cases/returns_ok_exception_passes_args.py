# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of crossmodule_exception_deep: the worker's custom exception passes ALL its constructor arguments to Exception.__init__ (and builds the message in __str__), so pickle can rebuild it in the parent and the caller catches it normally. Modelled on https://github.com/tjfontaine/linode-python/pull/22 (making an API exception safe to pickle for multiprocessing).
"""Validate and score records with a ProcessPoolExecutor."""
import concurrent.futures


class RecordError(Exception):
    def __init__(self, field, reason):
        super().__init__(field, reason)
        self.field = field
        self.reason = reason

    def __str__(self):
        return f"{self.field}: {self.reason}"


def check_range(field, value, low, high):
    if not low <= value <= high:
        raise RecordError(field, f"{value} not in [{low}, {high}]")
    return value


def score_record(record):
    check_range("age", record["age"], 0, 150)
    return record["name"], round(record["score"] * 100)


def main():
    records = [{"name": "ann", "age": 34, "score": 0.7},
               {"name": "ben", "age": 210, "score": 0.4}]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(score_record, r) for r in records]
        for future in futures:
            try:
                print(*future.result())
            except RecordError as exc:
                print("invalid record ->", exc)


if __name__ == "__main__":
    main()
