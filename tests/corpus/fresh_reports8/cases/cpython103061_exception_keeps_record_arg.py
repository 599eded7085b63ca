# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/103061 -- the rule the maintainers point to: pass the constructor's own argument to Exception.__init__ (and build the message in __str__), so pickle can call ParseError(record) again in the parent
import sys
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass
class Record:
    path: str
    line: int


class ParseError(Exception):
    def __init__(self, record):
        super().__init__(record)
        self.record = record

    def __str__(self):
        return f"cannot parse {self.record.path}:{self.record.line}"


def parse(path):
    text = path.rsplit(".", 1)[-1]
    record = Record(path, len(path))
    if text == "bad":
        raise ParseError(record)
    return record.line


def parse_all(paths, processes=2):
    with Pool(processes) as pool:
        return pool.map(parse, paths)


if __name__ == "__main__":
    try:
        sizes = parse_all(["a.txt", "b.bad", "c.txt"])
    except ParseError as exc:
        print(f"RESULT=error:{exc.record.path}")
        sys.exit(0)
    print(f"RESULT={sizes}")
