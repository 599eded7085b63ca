# family: lifecycle
# hazard: join-before-drain
# line: 34 22
# files: fr23kit/cronjobs.py
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/nesquena/hermes-webui/pull/1746 -- the review blocker the PR addressed: a manual cron run executes in a child process that puts the job result on a multiprocessing Queue, and the parent joined the child before reading it; with a large output / final_response ("a fake cron package returning 200,000-char output") "the old join-before-drain path deadlocked"
"""Web UI handler: run a scheduled cron job now, isolated in its own process and profile."""
import argparse
import multiprocessing
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
    def __init__(self, home):
        self.home = home

    def run_now(self, job):
        result_queue = multiprocessing.Queue()
        process = multiprocessing.Process(target=_run_in_profile,
                                          args=(job, self.home, result_queue))
        process.start()
        process.join()
        result = result_queue.get(timeout=5)
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
