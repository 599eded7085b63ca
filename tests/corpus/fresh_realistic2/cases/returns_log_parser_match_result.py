# family: returns
# hazard: unpicklable-return
# line: 37
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/rachis-org/rachis/issues/647's lesson (state that cannot cross a process boundary) in the form seen in access-log analysers: the worker returns the first `re.Match` per file in a small summary dict; Pool pickles results under every start method and fails with MaybeEncodingError ("cannot pickle 're.Match' object").
"""Find the first failing request in each access log, in parallel.

Usage: first_failure.py [--status CODE]
"""
import argparse
import multiprocessing
import re

LOGS = {
    "web1.log": '10.0.0.1 "GET /index" 200\n10.0.0.2 "GET /admin" 500\n',
    "web2.log": '10.0.0.7 "POST /login" 401\n10.0.0.9 "GET /health" 200\n',
}
LINE = re.compile(r'(?P<ip>\S+) "(?P<method>\w+) (?P<path>\S+)" (?P<status>\d{3})')


def first_failure(item):
    name, text = item
    summary = {"log": name, "lines": text.count("\n"), "first": None}
    for match in LINE.finditer(text):
        if int(match["status"]) >= 400:
            summary["first"] = match
            break
    return summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--status", type=int, default=400)
    args = parser.parse_args()

    with multiprocessing.Pool(2) as pool:
        summaries = pool.map(first_failure, sorted(LOGS.items()))
    for summary in summaries:
        first = summary["first"]
        print(summary["log"], first and first.group("path"))


if __name__ == "__main__":
    main()
