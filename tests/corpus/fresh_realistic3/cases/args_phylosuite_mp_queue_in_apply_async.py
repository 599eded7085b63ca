# family: args
# hazard: unpicklable-argument
# line: 27
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: https://github.com/dongzhang0725/PhyloSuite/issues/129 ("Queue objects should only be shared between processes through inheritance" from Pool.apply_async); here a GenBank extractor keeps a multiprocessing.Queue for progress messages in its context dict and hands it to every apply_async task
import multiprocessing
import sys


def extract_record(record, ctx):
    genes = [g for g in record["features"] if g.startswith(ctx["prefix"])]
    ctx["progress"].put((record["id"], len(genes)))
    return len(genes)


def make_context(prefix):
    return {"prefix": prefix, "progress": multiprocessing.Queue()}


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
    ctx = make_context("cox")
    counts = Extractor(records).run(ctx)
    print("RESULT=%s" % counts)
    if counts != [2, 1]:
        sys.exit(3)


if __name__ == "__main__":
    main()
