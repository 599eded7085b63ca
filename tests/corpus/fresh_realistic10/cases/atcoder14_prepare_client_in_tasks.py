# family: args
# hazard: unpicklable-argument
# line: 39 43
# files: s18kit/judge.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/kyuridenamida/atcoder-tools/issues/14 -- "TypeError: can't pickle _thread.RLock objects" from `p.map(prepare_procedure, [(atcoder, pid, url) for pid, url in plist.items()])` in AtCoderClient.py's prepare_workspace: the logged-in client object (its session keeps a cookie jar with an RLock) travels in every task tuple; the maintainer's diagnosis: the AtCoder instance is passed as an argument of the function being parallelised
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


def prepare_procedure(args):
    client, problem_id, url = args
    samples = client.download_samples(problem_id, url)
    return problem_id, len(samples), sum(int(a) + int(b) for a, b in samples)


class Preparer:
    def __init__(self, client, workspace, workers=2):
        self.client = client
        self.workspace = workspace
        self.workers = workers

    def tasks(self):
        plist = self.client.problem_list(self.workspace.contest_id)
        return [(self.client, pid, url) for pid, url in sorted(plist.items())]

    def run(self):
        with multiprocessing.Pool(self.workers) as p:
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
