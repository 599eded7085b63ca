# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/GAM-team/GAM/pull/436 -- the batch command after the PR: pool.close() and pool.join() inside the with-block, so every queued command has run and its callback fired before the block exits
"""`gam batch` in miniature: run each line of a batch file as a command in a worker pool."""
import argparse
import multiprocessing
import os
import shlex
import sys
import tempfile
import time

USERS = {"alice": "Sales", "bob": "Support", "carol": "Sales"}


def process_gam_command(argv):
    """Executes one batch line; returns (line, exit status, output)."""
    time.sleep(0.3)          # the API round trip
    if argv[:2] == ["info", "user"]:
        user = argv[2]
        return " ".join(argv), 0, f"{user}: {USERS.get(user, '?')}"
    return " ".join(argv), 2, "unknown command"


class BatchRunner:
    def __init__(self, num_threads):
        self.num_threads = num_threads
        self.results = []

    def _collect(self, result):
        self.results.append(result)

    def run_file(self, path):
        with open(path) as fh:
            items = [shlex.split(line) for line in fh if line.strip() and not line.startswith("#")]
        with multiprocessing.Pool(self.num_threads) as pool:
            for argv in items:
                pool.apply_async(process_gam_command, [argv], callback=self._collect)
            pool.close()
            pool.join()
        return len(items)


def main(argv):
    parser = argparse.ArgumentParser(prog="gam")
    sub = parser.add_subparsers(dest="command")
    batch = sub.add_parser("batch")
    batch.add_argument("file")
    batch.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    runner = BatchRunner(args.threads)
    queued = runner.run_file(args.file)
    ok = sum(1 for _, status, _ in runner.results if status == 0)
    print(f"RESULT={queued},{len(runner.results)},{ok}")
    return 0 if len(runner.results) == queued else 3


if __name__ == "__main__":
    batch_file = os.path.join(tempfile.mkdtemp(prefix="gam_"), "batch.txt")
    with open(batch_file, "w") as fh:
        fh.write("# nightly checks\n" + "".join(f"info user {u}\n" for u in USERS))
    sys.exit(main(sys.argv[1:] or ["batch", batch_file]))
