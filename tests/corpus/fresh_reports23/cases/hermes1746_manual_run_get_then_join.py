# family: lifecycle
# hazard: none
# line: none
# files: fr23kit/cronjobs.py
# timeout: 10
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nesquena/hermes-webui/pull/1746 -- the PR's follow-up fix: "Parent now reads result_queue.get(timeout=...) before process.join(), so large output / final_response payloads drain before the child feeder thread can deadlock at process exit", with a recovery path when no result comes
"""Web UI handler: run a scheduled cron job now, isolated in its own process and profile."""
import argparse
import multiprocessing
import queue
import tempfile

from fr23kit.cronjobs import CronJob, run_job


def _run_in_profile(job, home, result_queue):
    """Child: run the job with the profile's environment and report back."""
    try:
        result = run_job(job, home)
    except Exception as exc:  # reported to the UI, never raised in the child
        result = {"job_id": job.job_id, "success": False, "output": repr(exc)}
    result_queue.put(result)


class ManualRunner:
    def __init__(self, home, result_timeout=8):
        self.home = home
        self.result_timeout = result_timeout

    def run_now(self, job):
        result_queue = multiprocessing.Queue()
        process = multiprocessing.Process(target=_run_in_profile,
                                          args=(job, self.home, result_queue))
        process.start()
        try:
            result = result_queue.get(timeout=self.result_timeout)
        except queue.Empty:
            process.terminate()
            result = {"job_id": job.job_id, "success": False, "output": "no result"}
        process.join()
        result_queue.close()
        result_queue.join_thread()
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--job", default="nightly-digest")
    parser.add_argument("--repeat", type=int, default=4000)
    args = parser.parse_args()
    job = CronJob(args.job, profile="research", prompt="summarise the inbox", repeat=args.repeat)
    runner = ManualRunner(tempfile.mkdtemp(prefix="hermes_"))
    result = runner.run_now(job)
    print(f"RESULT=success={result['success']} chars={len(result['output'])}")


if __name__ == "__main__":
    main()
