# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss to the re.Match results above (the usual fix: return match.group()/groupdict()): the access-log parser returns m.groupdict() and m.span() (plain dicts and tuples) together with the compiled re.Pattern it used, which pickles by its pattern string; every result comes back under every start method.
"""Parse access-log lines in a worker pool."""
import multiprocessing
import re

LINE = re.compile(r'(?P<ip>\d+\.\d+\.\d+\.\d+) - - \[(?P<ts>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+)')

LOG = [
    '10.0.0.1 - - [04/Dec/2026:10:00:00 +0000] "GET /index.html HTTP/1.1" 200',
    '10.0.0.2 - - [04/Dec/2026:10:00:01 +0000] "POST /api/cart HTTP/1.1" 201',
    "garbage line",
]


def parse(line):
    m = LINE.match(line)
    if m is None:
        return None
    return {"fields": m.groupdict(), "span": m.span(), "pattern": LINE}


def parse_all(lines, processes=2):
    with multiprocessing.Pool(processes) as pool:
        parsed = pool.map(parse, lines)
    return [p for p in parsed if p is not None]


def main():
    entries = parse_all(LOG)
    paths = [e["fields"]["path"] for e in entries]
    for entry in entries:
        print(entry["fields"]["ip"], entry["fields"]["method"], entry["fields"]["path"])
    print("RESULT=%s" % paths)


if __name__ == "__main__":
    main()
