# family: crossmodule
# hazard: daemon-children
# line: shopkit/parallel.py:12
# files: shopkit/__init__.py shopkit/jobs.py shopkit/index.py shopkit/parallel.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/ThilinaRajapakse/simpletransformers/issues/1247 ("AssertionError: daemonic processes are not allowed to have children" when a library's `with Pool(process_count)` runs inside another pool's worker) and https://github.com/CompOmics/DeepLC/pull/6. The job runner maps shopkit.jobs.rebuild_index over shards in a Pool; three modules down, shopkit.parallel.pmap opens its own Pool inside the daemonic worker.
"""Job runner: rebuild every search-index shard in parallel."""
import multiprocessing
import sys

from shopkit import jobs

SHARDS = [
    ("mugs", ["Red Mug", "Blue Mug", "Travel Mug Large"]),
    ("shirts", ["Plain Shirt", "Striped Shirt"]),
    ("caps", ["Black Cap", "Red Cap", "Cap with Logo"]),
]


def run(shards, processes=2):
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(jobs.rebuild_index, shards)
    return dict(results)


def main():
    sizes = run(SHARDS)
    for name, size in sorted(sizes.items()):
        print(f"{name}: {size} terms")
    print("RESULT=%s" % sorted(sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
