# family: conditions
# hazard: unpicklable-callable
# line: 26
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: The fork context is requested only when sys.platform == "darwin" (to undo macOS's spawn default); everywhere else the default context is used, so on a Linux whose default is spawn/forkserver (3.14+) the closure target must be pickled. Modelled on https://github.com/ansible/ansible/pull/63581 (explicit fork context added because macOS switched to spawn).
"""Apply a configurable transformation to column chunks in child processes."""
import multiprocessing
import sys

if sys.platform == "darwin":
    CTX = multiprocessing.get_context("fork")
else:
    CTX = multiprocessing.get_context()


def make_transform(offset, scale):
    def transform(chunk, out):
        out.put([round((x + offset) * scale, 2) for x in chunk])
    return transform


def main():
    chunks = [[1, 2, 3], [10, 20], [0.5]]
    out = CTX.Queue()
    transform = make_transform(offset=1, scale=0.5)
    procs = [CTX.Process(target=transform, args=(chunk, out)) for chunk in chunks]
    for proc in procs:
        proc.start()
    results = sorted(out.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    print(results)


if __name__ == "__main__":
    main()
