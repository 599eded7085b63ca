# family: exceptions
# hazard: none
# line: none
# files: r21kit/scout_ipc.py r21kit/scout_provider.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/meridianlabs-ai/inspect_scout/pull/632 -- the fix for #616 ("worker errors travel as the WorkerError dataclass, the collector raises WorkerProcessError"): the worker reduces the provider error to picklable fields before putting it on the upstream queue, so the parent sees the 529 and its request id
"""Score transcripts with a model in several worker processes (a scout-like scan)."""
import argparse
import multiprocessing
import sys

from r21kit.scout_ipc import (IPCContext, ResultItem, WorkerComplete, WorkerError,
                              WorkerProcessError, split_jobs)
from r21kit.scout_provider import FakeModel

TRANSCRIPTS = {
    "t1": "the agent refused the request politely",
    "t2": "the agent wrote the file and ran the tests twice",
    "t3": "tool call failed then retried",
    "t4": "user asked for a summary of the log",
}


class ScanFailed(RuntimeError):
    pass


def worker_main(worker_id: int, ctx: IPCContext) -> None:
    model = FakeModel(ctx.model_name, ctx.overloaded)
    try:
        for transcript_id, text in ctx.jobs_per_worker[worker_id]:
            score = model.generate(transcript_id, text)
            ctx.upstream_queue.put(ResultItem(worker_id, transcript_id, score))
    except Exception as ex:
        # send a picklable description of the failure back to the main process
        ctx.upstream_queue.put(WorkerError.from_exception(worker_id, ex))
        return
    ctx.upstream_queue.put(WorkerComplete(worker_id))


def run_scan(ctx: IPCContext, workers: int) -> dict:
    ctx.jobs_per_worker = split_jobs(TRANSCRIPTS, workers)
    procs = [multiprocessing.Process(target=worker_main, args=(w, ctx)) for w in range(workers)]
    for p in procs:
        p.start()
    results, done = {}, 0
    try:
        while done < workers:
            item = ctx.upstream_queue.get(timeout=10)
            if isinstance(item, ResultItem):
                results[item.transcript_id] = item.score
            elif isinstance(item, WorkerComplete):
                done += 1
            elif isinstance(item, WorkerError):
                raise ScanFailed(f"worker error: {item!r}") from WorkerProcessError(item)
    finally:
        for p in procs:
            p.join(timeout=5)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-processes", type=int, default=2)
    args = parser.parse_args(argv)
    ctx = IPCContext(scanner="refusal", model_name="claude-x", overloaded={"t3"})
    try:
        results = run_scan(ctx, args.max_processes)
    except ScanFailed as err:
        status = err.__cause__.error.status_code
        print(f"RESULT=scan-failed status={status}")
        return 0 if status == 529 else 3
    print(f"RESULT=scores:{sorted(results.items())}")
    return 3


if __name__ == "__main__":
    sys.exit(main())
