# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/meijianhan/DeepDeblur/issues/5 -- the workaround: the helper generator is drained into a list before the tasks are handed out.
"""Ingest job: load several CSV extracts into per-file summaries with a process pool."""
import multiprocessing as mp
import os
import sys

from rz5kit import io as kio

EXTRACTS = {"orders": 120, "refunds": 30, "customers": 75}


def prepare(root):
    sources = {}
    for table, rows in EXTRACTS.items():
        sources[table] = kio.write_sample(os.path.join(root, table + ".csv"), rows)
    return sources


def summarize(table, lines):
    count = 0
    width = 0
    for line in lines:
        count += 1
        width = max(width, len(line))
    return table, count, width


def plan_tasks(sources):
    for table, path in sorted(sources.items()):
        yield table, list(kio.iter_lines(path))


def main(argv):
    root = kio.scratch_dir("ingest5")
    sources = prepare(root)
    tasks = list(plan_tasks(sources))
    with mp.Pool(processes=2) as pool:
        summaries = pool.starmap(summarize, tasks)
    total = sum(count for _, count, _ in summaries)
    print("RESULT=" + str(total))
    return 0 if total == 225 else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
