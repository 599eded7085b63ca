# family: pathos
# hazard: child-mutates-global
# line: 20
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# timeout: 30
# note: stackoverflow 11055303 ("global variable updates not returned to parent") with pathos' ProcessPool, which users pick up for lambdas (swansonk14/p_tqdm#3): the dedupe set is filled in the workers and read in the parent.
"""Deduplicate incoming events across batches with pathos."""
import sys

from pathos.pools import ProcessPool

SEEN_IDS = set()


def process_batch(batch):
    fresh = []
    for event in batch:
        if event["id"] in SEEN_IDS:
            continue
        SEEN_IDS.add(event["id"])
        fresh.append(event["id"])
    return fresh


def main():
    batches = [
        [{"id": 1}, {"id": 2}],
        [{"id": 3}],
        [{"id": 4}, {"id": 5}],
    ]
    pool = ProcessPool(nodes=2)
    try:
        processed = pool.map(process_batch, batches)
    finally:
        pool.close()
        pool.join()
        pool.clear()
    print(f"processed {sum(len(p) for p in processed)} events")
    print(f"RESULT={sorted(SEEN_IDS)}")
    if sorted(SEEN_IDS) != [1, 2, 3, 4, 5]:
        sys.exit(3)


if __name__ == "__main__":
    main()
