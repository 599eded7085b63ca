# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: the module asks for get_context("fork") inside try/except ValueError (falling back to spawn only where fork does not exist); on Linux/macOS the closure target is never pickled, whatever the default method. Modelled on https://github.com/nalepae/pandarallel/issues/167 (module-level get_context("fork") that raises ValueError on Windows).
"""Apply a configurable transformation to column chunks in child processes."""
import multiprocessing

try:
    CTX = multiprocessing.get_context("fork")
except ValueError:  # Windows has no fork
    CTX = multiprocessing.get_context("spawn")


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
