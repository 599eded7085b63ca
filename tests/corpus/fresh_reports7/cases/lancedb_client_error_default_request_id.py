# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/lancedb/lancedb/issues/3447 -- the fix direction from the report: give request_id a default so the exception rebuilds from its message alone; the worker's error then reaches the caller (the request id itself is lost on the way back)
import concurrent.futures
import sys

from r7kit.errors import ClientErrorWithDefault

FAILING = {"q3"}


def run_query(query_id):
    if query_id in FAILING:
        raise ClientErrorWithDefault(f"server returned 503 for {query_id}", request_id=f"req-{query_id}")
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
                except ClientErrorWithDefault as exc:
                    failed.append(str(exc))
        return sorted(ok), sorted(failed)


def main():
    ok, failed = Benchmark(["q1", "q2", "q3", "q4"]).run()
    print("RESULT=" + ",".join(ok) + "|" + ",".join(failed))
    sys.exit(0 if failed == ["server returned 503 for q3"] and len(ok) == 3 else 3)


if __name__ == "__main__":
    main()
