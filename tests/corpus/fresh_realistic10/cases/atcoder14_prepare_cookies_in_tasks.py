# family: args
# hazard: none
# line: none
# files: s18kit/judge.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kyuridenamida/atcoder-tools/issues/14 -- the fix the maintainer's diagnosis points to: the client object is not an argument of the parallelised function any more; each pool worker builds its own client once, in the pool initializer, from the session cookies (a plain dict), and the tasks carry only the problem id and URL
"""Prepare a local workspace for a contest: one directory of sample cases per problem."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass

from s18kit.judge import ContestClient


@dataclass
class Workspace:
    root: str
    contest_id: str

    def path_for(self, problem_id):
        return "%s/%s/%s" % (self.root, self.contest_id, problem_id)


_worker_client = None


def init_worker(cookies):
    global _worker_client
    _worker_client = ContestClient.from_cookies(cookies)


def prepare_procedure(args):
    problem_id, url = args
    samples = _worker_client.download_samples(problem_id, url)
    return problem_id, len(samples), sum(int(a) + int(b) for a, b in samples)


class Preparer:
    def __init__(self, client, workspace, workers=2):
        self.client = client
        self.workspace = workspace
        self.workers = workers

    def tasks(self):
        plist = self.client.problem_list(self.workspace.contest_id)
        return [(pid, url) for pid, url in sorted(plist.items())]

    def run(self):
        cookies = self.client.session_cookies()
        with multiprocessing.Pool(self.workers, initializer=init_worker, initargs=(cookies,)) as p:
            return p.map(prepare_procedure, self.tasks())


def make_client(without_login, token="s3cr3t"):
    client = ContestClient(username=None if without_login else "alice")
    if not without_login:
        client.login(token)
    return client


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("contest_id", nargs="?", default="arc001")
    ap.add_argument("--without-login", action="store_true")
    ap.add_argument("--root", default="./workspace")
    args = ap.parse_args(argv)
    preparer = Preparer(make_client(args.without_login), Workspace(args.root, args.contest_id))
    done = preparer.run()
    for pid, n, _ in done:
        print("prepared", preparer.workspace.path_for(pid), n, "samples")
    print("RESULT=%d" % sum(total for _, _, total in done))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
