# family: threads
# hazard: fork-while-thread-holds-lock
# line: 44 45 58 r14kit/telemetry.py:30
# files: r14kit/transport.py r14kit/telemetry.py
# timeout: 15
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/getsentry/sentry-python/pull/6159 -- fixes #6148: "If os.fork() runs while another thread holds Monitor._thread_lock, the child process inherits the lock locked. The holding thread does not exist in the child, so the lock can never be released and _ensure_running deadlocks forever": here a request thread is in the monitor's first health probe (under the lock) when the service forks its batch worker, and the worker's first capture_event never returns
"""A small job service that reports events to an error-tracking SDK from the web thread and from
its batch worker process."""
import argparse
import multiprocessing
import sys
import threading

from r14kit import telemetry

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
