# family: pebble
# hazard: unpicklable-return
# line: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: noxdafox/pebble#74 (the error surfaces at the worker's send_result: the task's return value cannot be pickled) with a task that returns a generator of parsed lines instead of a list.
"""Parse log chunks in a pebble pool; the parser returns a lazy generator."""
import sys

from pebble import ProcessPool

CHUNKS = [
    "INFO start\nWARN disk 91%\nINFO done",
    "ERROR timeout\nINFO retry",
]


def parse_chunk(chunk):
    lines = chunk.splitlines()
    return (line.split(" ", 1) for line in lines if line)


def main():
    parsed = []
    with ProcessPool(max_workers=2) as pool:
        futures = [pool.schedule(parse_chunk, args=(c,)) for c in CHUNKS]
        for fut in futures:
            parsed.extend(list(fut.result()))
    levels = [level for level, _ in parsed]
    print(f"RESULT={levels}")
    if len(levels) != 5:
        sys.exit(3)


if __name__ == "__main__":
    main()
