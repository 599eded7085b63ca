# family: conditions
# hazard: unpicklable-callable
# line: 34 35
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python/cpython/issues/84112 ("Global variables are not accessible from child processes", filed against macOS: code written for Linux fork meets spawn elsewhere): the author special-cased Windows only. The uploader takes `get_context("spawn")` when `sys.platform == "win32"` and otherwise the *default* context, believing the default is fork everywhere else; it then starts a Process whose target is a lambda kept in a dict of upload strategies. Under a spawn or forkserver default (macOS since 3.8, Linux from 3.14) the lambda is pickled.
"""Upload finished exports to the configured destination in the background."""
import multiprocessing
import os
import shutil
import sys
import tempfile

STRATEGIES = {
    "copy": lambda src, dst: shutil.copy(src, dst),
    "move": shutil.move,
}


def upload_context():
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context()


def main():
    ctx = upload_context()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "export.csv")
        dst = os.path.join(tmp, "outbox")
        os.mkdir(dst)
        with open(src, "w") as fh:
            fh.write("id,total\n1,9.5\n")
        upload = STRATEGIES["copy"]
        proc = ctx.Process(target=upload, args=(src, dst))
        proc.start()
        proc.join()
        uploaded = os.listdir(dst)
    print(f"RESULT={uploaded}")
    return 0 if uploaded == ["export.csv"] else 3


if __name__ == "__main__":
    sys.exit(main())
