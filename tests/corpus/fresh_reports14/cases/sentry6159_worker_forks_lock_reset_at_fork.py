# family: threads
# hazard: none
# line: none
# files: r14kit/transport.py r14kit/telemetry_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/getsentry/sentry-python/pull/6159 -- the fix: the Monitor registers os.register_at_fork(after_in_child=...) (through a WeakMethod) that recreates _thread_lock and clears the cached thread and pid, so the forked batch worker starts with a fresh, unheld lock even though the request thread holds the parent's
"""A small job service that reports events to an error-tracking SDK from the web thread and from
its batch worker process."""
import argparse
import multiprocessing
import sys
import threading

from r14kit import telemetry_fixed as telemetry

DSN = "https://key@relay.example/42"
telemetry.init(DSN)


def handle_request(path: str, answers: list) -> None:
    ok = telemetry.capture_event({"message": f"slow request {path}", "level": "warning"})
    answers.append(ok)


def batch_job(rows, out):
    total = sum(r * r for r in rows)
    reported = telemetry.capture_event({"message": f"batch of {len(rows)} done", "level": "info"})
    out.put((total, reported))


class JobService:
    def __init__(self, batch):
        self.batch = list(batch)
        self.answers = []

    def serve_one_request(self) -> threading.Thread:
        t = threading.Thread(target=handle_request, args=("/export", self.answers))
        t.start()
        return t

    def run_batch(self):
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=batch_job, args=(self.batch, out))
        worker.start()
        result = out.get()
        worker.join()
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="job-service")
    parser.add_argument("--rows", type=int, default=10)
    args = parser.parse_args(argv)
    service = JobService(range(args.rows))
    request = service.serve_one_request()
    telemetry._client.transport.probing.wait(5)
    total, reported = service.run_batch()
    request.join()
    print(f"RESULT={total}:{reported}:{service.answers}")
    return 0 if (total, reported, service.answers) == (285, True, [True]) else 3


if __name__ == "__main__":
    sys.exit(main())
