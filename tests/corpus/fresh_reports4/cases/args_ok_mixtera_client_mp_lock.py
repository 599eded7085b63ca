# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/eth-easl/mixtera/pull/68: the merged fix, the client keeps a multiprocessing.Lock instead of a threading.Lock, which pickles while the worker processes are spawned.
import multiprocessing as mp


class QueryResult:
    def __init__(self, name, chunks):
        self.name = name
        self.chunks = chunks


class MixteraClient:
    def __init__(self, directory):
        self.directory = directory
        self._queries = {}
        self._query_lock = mp.Lock()

    def register_query(self, name, chunks):
        with self._query_lock:
            self._queries[name] = QueryResult(name, chunks)

    def stream_results(self, name, worker_id, num_workers):
        chunks = self._queries[name].chunks
        return chunks[worker_id::num_workers]


def training_worker(client, query_name, worker_id, num_workers, out):
    seen = client.stream_results(query_name, worker_id, num_workers)
    out.put((worker_id, sum(seen)))


def run_example(num_workers=2):
    client = MixteraClient("/tmp/mixtera-example")
    client.register_query("q1", list(range(10)))
    out = mp.Queue()
    workers = []
    for worker_id in range(num_workers):
        p = mp.Process(
            target=training_worker,
            args=(client, "q1", worker_id, num_workers, out),
        )
        p.start()
        workers.append(p)
    totals = dict(out.get() for _ in workers)
    for p in workers:
        p.join()
    return sum(totals.values())


if __name__ == "__main__":
    print("RESULT=%d" % run_example())
