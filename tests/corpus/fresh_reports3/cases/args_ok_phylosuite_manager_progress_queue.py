# family: args
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: The remedy for https://github.com/dongzhang0725/PhyloSuite/issues/122 ("Queue objects should only be shared between processes through inheritance" when the extracter sends its progress queue to pool tasks): the progress queue comes from a multiprocessing.Manager, whose queue proxy pickles, so the same extracter with the same pool tasks runs under every start method; the parent drains the proxy after the results arrive.
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
    def __init__(self, records, settings, manager):
        self.records = records
        self.settings = settings
        self.queue = manager.Queue()
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
    with multiprocessing.Manager() as manager:
        extracter = GBextract(taxa, ExtractSettings(threads=2), manager)
        results = extracter.exec2_()
        while not extracter.queue.empty():
            extracter.progress.append(extracter.queue.get())
        assert len(extracter.progress) == len(taxa)
    print("RESULT=%d" % sum(len(genes) for _, genes in results))
