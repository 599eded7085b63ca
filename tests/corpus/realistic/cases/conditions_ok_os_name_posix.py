# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: under `if os.name == "posix":` the script uses the fork context and hands an open log file to the child as a Process argument; only the (untaken on Linux) Windows branch would need pickling. Modelled on https://github.com/morrislab/pairtree/pull/28 (start-method handling made conditional on the platform).
"""Append progress lines to an open log file from a child process."""
import multiprocessing
import os
import tempfile

if os.name == "posix":
    CTX = multiprocessing.get_context("fork")
else:
    CTX = multiprocessing.get_context("spawn")


def work(log_file, steps):
    for step in range(steps):
        log_file.write(f"child step {step}\n")
    log_file.flush()


def main():
    path = os.path.join(tempfile.mkdtemp(), "progress.log")
    with open(path, "w") as log_file:
        log_file.write("parent start\n")
        log_file.flush()
        proc = CTX.Process(target=work, args=(log_file, 3))
        proc.start()
        proc.join()
    with open(path) as fh:
        print(fh.read().splitlines())
    os.remove(path)
    os.rmdir(os.path.dirname(path))


if __name__ == "__main__":
    main()
