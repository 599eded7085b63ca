# family: exceptions
# hazard: worker-queues-unrebuildable-exception
# line: 35 48
# files: r21kit/scout_ipc.py r21kit/scout_provider.py
# expect: fork=error:TypeError spawn=error:TypeError forkserver=error:TypeError
# note: https://github.com/meridianlabs-ai/inspect_scout/issues/616 -- "API provider errors mangled with multi-process": a worker that hits a provider error sends the raw exception over the upstream multiprocessing queue (Exception is a member of UpstreamQueueItem); the parent's collector unpickles it in queue.get() and gets "TypeError: APIStatusError.__init__() missing 2 required keyword-only arguments: 'response' and 'body'" instead of the 529, under every start method
"""Score transcripts with a model in several worker processes (a scout-like scan)."""
import argparse
import multiprocessing
import sys

from r21kit.scout_ipc import IPCContext, ResultItem, WorkerComplete, split_jobs
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
        # send the exception back to the main process via the upstream queue
        ctx.upstream_queue.put(ex)
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
            elif isinstance(item, Exception):
                raise ScanFailed(f"worker error: {item!r}") from item
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
        status = getattr(err.__cause__, "status_code", None)
        print(f"RESULT=scan-failed status={status}")
        return 0 if status == 529 else 3
    print(f"RESULT=scores:{sorted(results.items())}")
    return 3


if __name__ == "__main__":
    sys.exit(main())
