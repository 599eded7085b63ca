# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for the access-log analyser (https://github.com/rachis-org/rachis/issues/647's lesson): the worker keeps the match only locally and returns `match.groupdict()` and `match.span()`, plain dicts and tuples, so Pool results pickle under every start method.
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
    summary = {"log": name, "lines": text.count("\n"), "first": None, "span": None}
    for match in LINE.finditer(text):
        if int(match["status"]) >= 400:
            summary["first"] = match.groupdict()
            summary["span"] = match.span()
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
        print(summary["log"], first and first["path"])


if __name__ == "__main__":
    main()
