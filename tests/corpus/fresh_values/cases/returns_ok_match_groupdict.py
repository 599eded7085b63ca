# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The usual answer to the MaybeEncodingError reports (https://github.com/learningequality/studio/issues/591): send back plain data, the groupdict() of the match, not the re.Match itself; the compiled Pattern stays a module global.
"""Parse access-log lines on a pool and keep the interesting ones."""
import multiprocessing
import re

LINE = re.compile(r"(?P<ip>\d+\.\d+\.\d+\.\d+) (?P<verb>GET|POST) (?P<path>\S+) (?P<status>\d{3})")


def parse_line(line):
    match = LINE.search(line)
    record = {"raw": line, "ok": match is not None}
    if match:
        record["match"] = match.groupdict()
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
