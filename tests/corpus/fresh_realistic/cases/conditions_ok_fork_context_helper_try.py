# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/Farama-Foundation/Gymnasium/pull/468 ("The fork start method is not available on windows ... skips tests of start methods that are not available"): a helper asks for the fork context inside try/except ValueError and falls back to spawn only where fork is missing. On Linux and macOS the lambda-carrying job object never leaves the process by pickling.
"""Run simulation environments in forked workers (fast start, shared assets)."""
import multiprocessing


def _worker_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # Windows
        return multiprocessing.get_context("spawn")


class EnvJob:
    def __init__(self, seed, reward_fn):
        self.seed = seed
        self.reward_fn = reward_fn

    def run(self, out):
        total = sum(self.reward_fn(step + self.seed) for step in range(5))
        out.put((self.seed, total))


def run_job(job, out):
    job.run(out)


def main():
    ctx = _worker_context()
    out = ctx.Queue()
    jobs = [EnvJob(seed, lambda s: s % 3) for seed in (1, 2, 3)]
    procs = [ctx.Process(target=run_job, args=(job, out)) for job in jobs]
    for proc in procs:
        proc.start()
    totals = sorted(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(5)
    print("RESULT=%s" % totals)


if __name__ == "__main__":
    main()
