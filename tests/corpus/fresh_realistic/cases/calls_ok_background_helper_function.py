# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix in https://github.com/starlinglab/integrity-backend/pull/70 ("providing the arguments to our target function in the `args` parameter"): the same run_in_background(func, *args) helper now receives a module-level function, which pickles by its qualified name under spawn and forkserver.
"""Watch a few upload folders, hashing new files in the background."""
import hashlib
import multiprocessing
import os
import sys


def run_in_background(func, *args, **kwargs):
    """Start func(*args, **kwargs) in a child process and return the process."""
    proc = multiprocessing.Process(target=func, args=args, kwargs=kwargs, daemon=True)
    proc.start()
    return proc


def hash_upload(path, out, algorithm="sha1"):
    digest = hashlib.new(algorithm, path.encode()).hexdigest()
    out.put((path, digest[:8]))


def pending_files(root):
    return [os.path.join(root, name) for name in ("a.jpg", "b.png", "notes.txt")]


def main():
    results = multiprocessing.Queue()
    procs = [run_in_background(hash_upload, path, results, algorithm="md5")
             for path in pending_files("/srv/uploads")]
    hashed = sorted(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join(5)
    print("RESULT=%s" % [os.path.basename(p) for p, _ in hashed])
    return 0


if __name__ == "__main__":
    sys.exit(main())
