# family: calls
# hazard: unpicklable-callable
# line: 14 15 33 34
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/starlinglab/integrity-backend/pull/70 ("when PR #55 made `target` a `lambda` function, this broke ... works on Debian"): a small run_in_background(func, *args) helper starts the Process; the caller hands it a lambda. Fork never pickles the target; spawn/forkserver fail with a PicklingError on the lambda.
"""Watch a few upload folders, hashing new files in the background."""
import multiprocessing
import os
import sys


def run_in_background(func, *args, **kwargs):
    """Start func(*args, **kwargs) in a child process and return the process."""
    proc = multiprocessing.Process(target=func, args=args, kwargs=kwargs, daemon=True)
    proc.start()
    return proc


def pending_files(root):
    return [os.path.join(root, name) for name in ("a.jpg", "b.png", "notes.txt")]


def parse_args(argv):
    root = argv[1] if len(argv) > 1 else "/srv/uploads"
    return {"root": root, "timeout": 10}


def main(argv=sys.argv):
    opts = parse_args(argv)
    results = multiprocessing.Queue()
    procs = []
    for path in pending_files(opts["root"]):
        procs.append(run_in_background(
            lambda path, q: q.put((path, len(path))), path, results))
    hashed = sorted(results.get(timeout=opts["timeout"]) for _ in procs)
    for proc in procs:
        proc.join(5)
    print("RESULT=%s" % [os.path.basename(p) for p, _ in hashed])
    return 0


if __name__ == "__main__":
    sys.exit(main())
