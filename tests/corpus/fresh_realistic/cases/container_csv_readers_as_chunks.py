# family: container
# hazard: unpicklable-argument
# line: 27 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/noxdafox/pebble/issues/89 ("error while trying to pass a generator to pool map": lazily produced arguments handed to a process pool) and https://github.com/hustvl/YOLOP/issues/127 ("cannot pickle 'generator' object"). Here the list of chunks given to Pool.map is built by a comprehension of csv.reader objects (lazy iterators over each block), which cannot be pickled under any start method: "cannot pickle '_csv.reader' object".
"""Sum the amount column of a large export, one block per worker."""
import csv
import io
import multiprocessing

EXPORT = "\n".join("%d,customer%d,%d.50" % (i, i % 7, i % 13) for i in range(1, 61))


def split_blocks(text, lines_per_block=20):
    lines = text.splitlines()
    return ["\n".join(lines[i:i + lines_per_block]) for i in range(0, len(lines), lines_per_block)]


def sum_amounts(rows):
    return round(sum(float(row[2]) for row in rows), 2)


def total(text, processes=2):
    blocks = split_blocks(text)
    readers = [csv.reader(io.StringIO(block)) for block in blocks]
    with multiprocessing.Pool(processes) as pool:
        totals = pool.map(sum_amounts, readers)
    return round(sum(totals), 2)


def parse_args(argv):
    processes = int(argv[1]) if len(argv) > 1 else 2
    return max(1, processes)


def main(argv=()):
    grand = total(EXPORT, processes=parse_args(argv))
    expected = round(sum(float(line.split(",")[2]) for line in EXPORT.splitlines()), 2)
    print("RESULT=%s" % grand)
    return 0 if grand == expected else 3


if __name__ == "__main__":
    import sys
    raise SystemExit(main(sys.argv))
