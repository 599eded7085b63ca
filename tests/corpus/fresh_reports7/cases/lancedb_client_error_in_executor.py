# family: results
# hazard: unpicklable-exception
# line: 16
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/lancedb/lancedb/issues/3447 -- LanceDBClientError.__init__ requires request_id but only the message reaches Exception.__init__; raised in a ProcessPoolExecutor worker, it cannot be rebuilt in the parent and the benchmark sees BrokenProcessPool instead of the server error
import concurrent.futures
import sys

from r7kit.errors import ClientError

FAILING = {"q3"}


def run_query(query_id):
    if query_id in FAILING:
        raise ClientError(f"server returned 503 for {query_id}", request_id=f"req-{query_id}")
    return query_id, 10


class Benchmark:
    def __init__(self, queries, workers=2):
        self.queries = queries
        self.workers = workers

    def run(self):
        ok, failed = [], []
        with concurrent.futures.ProcessPoolExecutor(self.workers) as ex:
            futures = {ex.submit(run_query, q): q for q in self.queries}
            for fut in concurrent.futures.as_completed(futures):
                try:
                    ok.append(fut.result()[0])
                except ClientError as exc:
                    failed.append(exc.request_id)
        return sorted(ok), sorted(failed)


def main():
    ok, failed = Benchmark(["q1", "q2", "q3", "q4"]).run()
    print("RESULT=" + ",".join(ok) + "|" + ",".join(failed))
    sys.exit(0 if failed == ["req-q3"] and len(ok) == 3 else 3)


if __name__ == "__main__":
    main()
