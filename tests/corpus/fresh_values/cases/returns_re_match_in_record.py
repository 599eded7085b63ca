# family: returns
# hazard: unpicklable-result
# line: 34 17 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of the MaybeEncodingError reports ("Error sending result: ... Reason: 'TypeError(\"cannot pickle 're.Match' object\")'", e.g. https://github.com/learningequality/studio/issues/591 and https://github.com/BXYMartin/Python-IrradPy/pull/3): a pool task returns a record dict whose field holds the re.Match of a log line.
"""Parse access-log lines on a pool and keep the interesting ones."""
import multiprocessing
import re

LINE = re.compile(r"(?P<ip>\d+\.\d+\.\d+\.\d+) (?P<verb>GET|POST) (?P<path>\S+) (?P<status>\d{3})")


def parse_line(line):
    match = LINE.search(line)
    record = {"raw": line, "ok": match is not None}
    if match:
        record["match"] = match
    return record


def parse_chunk(lines):
    return [parse_line(line) for line in lines]


def main():
    lines = [
        "10.0.0.1 GET /index.html 200",
        "10.0.0.2 POST /login 302",
        "garbage",
        "10.0.0.9 GET /missing 404",
    ]
    chunks = [lines[:2], lines[2:]]
    with multiprocessing.Pool(2) as pool:
        parsed = pool.map(parse_chunk, chunks)
    records = [r for chunk in parsed for r in chunk if r["ok"]]
    print(len(records))


if __name__ == "__main__":
    main()
