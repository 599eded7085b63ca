# family: results
# hazard: unpicklable-exception
# line: 28
# expect: fork=error:AttributeError+hang spawn=error:AttributeError+hang forkserver=error:AttributeError+hang
# timeout: 8
# note: https://github.com/python/cpython/issues/103061 -- MyExc(stuff) passes stuff.two to Exception.__init__; pickle rebuilds it as MyExc(2) in the parent's result-handler thread, which dies with "AttributeError: 'int' object has no attribute 'two'" and pool.map hangs forever
import sys
from dataclasses import dataclass
from multiprocessing import Pool


@dataclass
class Record:
    path: str
    line: int


class ParseError(Exception):
    def __init__(self, record):
        super().__init__(f"cannot parse {record.path}:{record.line}")
        self.record = record


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
