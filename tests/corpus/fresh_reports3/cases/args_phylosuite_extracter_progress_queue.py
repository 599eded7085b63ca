# family: args
# hazard: unpicklable-argument
# line: 38 42
# timeout: 20
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: Shape of https://github.com/dongzhang0725/PhyloSuite/issues/122 and #129 ("RuntimeError: Queue objects should only be shared between processes through inheritance" from handleGB.py exec2_ -> pool.py get -> _handle_tasks -> queues.py __getstate__ -> assert_spawning, with Thread = 1 or 2 on Windows): the GenBank extracter sends each record to a pool task together with the multiprocessing.Queue it uses to report progress back to the GUI, so the task cannot be pickled under any start method. Reduced: the GenBank records are dicts, the Qt progress signal a list the parent fills from the queue; the extraction settings travel in a dict.
"""Extract the protein-coding genes of the selected GenBank records in parallel."""
import multiprocessing


def extract_one(record, settings, progress_queue):
    genes = [g for g in record["features"] if g.startswith(settings["prefix"])]
    progress_queue.put(record["id"])
    return record["id"], genes


class ExtractSettings:
    def __init__(self, code_table=11, prefix="cds_", threads=2):
        self.code_table = code_table
        self.prefix = prefix
        self.threads = threads

    def as_dict(self):
        return {"code_table": self.code_table, "prefix": self.prefix}


class GBextract:
    def __init__(self, records, settings):
        self.records = records
        self.settings = settings
        self.queue = multiprocessing.Queue()
        self.progress = []

    def exec2_(self):
        pool = multiprocessing.Pool(self.settings.threads)
        async_results = []
        for record in self.records:
            async_results.append(pool.apply_async(extract_one,
                                                  (record, self.settings.as_dict(), self.queue)))
        pool.close()
        try:
            return [r.get(timeout=10) for r in async_results]
        finally:
            pool.terminate()
            pool.join()


if __name__ == "__main__":
    taxa = [{"id": "NC_%06d" % i, "features": ["cds_rbcL", "cds_matK", "trn_H"]} for i in range(4)]
    extracter = GBextract(taxa, ExtractSettings(threads=2))
    results = extracter.exec2_()
    while not extracter.queue.empty():
        extracter.progress.append(extracter.queue.get())
    print("RESULT=%d" % sum(len(genes) for _, genes in results))
