# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/metomi/rose/pull/1281 (the fix for "Queue objects should only be shared ... through inheritance": a Queue made by a multiprocessing.Manager); same extractor, the context dict holds a Manager queue proxy
import multiprocessing
import sys


def extract_record(record, ctx):
    genes = [g for g in record["features"] if g.startswith(ctx["prefix"])]
    ctx["progress"].put((record["id"], len(genes)))
    return len(genes)


def make_context(manager, prefix):
    return {"prefix": prefix, "progress": manager.Queue()}


class Extractor:
    def __init__(self, records, workers=2):
        self.records = records
        self.workers = workers

    def run(self, ctx):
        pool = multiprocessing.Pool(self.workers)
        pending = [pool.apply_async(extract_record, (rec, ctx)) for rec in self.records]
        pool.close()
        counts = [res.get(timeout=10) for res in pending]
        pool.join()
        return counts


def main():
    records = [
        {"id": "NC_001", "features": ["cox1", "cox2", "nad1"]},
        {"id": "NC_002", "features": ["cox3", "atp6"]},
    ]
    with multiprocessing.Manager() as manager:
        ctx = make_context(manager, "cox")
        counts = Extractor(records).run(ctx)
        seen = sorted(ctx["progress"].get(timeout=5)[0] for _ in records)
    print("RESULT=%s %s" % (counts, seen))
    if counts != [2, 1] or seen != ["NC_001", "NC_002"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
