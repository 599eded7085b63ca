# family: crossmodule
# hazard: unpicklable-callable
# line: 34 35
# files: reportkit/__init__.py reportkit/runner.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/LonamiWebs/Telethon/issues/1338 (user code handing a callback through a helper into multiprocessing, with the traceback pointing only into the stdlib). The backup CLI passes `on_done=lambda name: ...` as a keyword to reportkit.runner.start_worker(target, *args, **kwargs), which builds `Process(target=..., args=args, kwargs=kwargs)`; fork never pickles, spawn/forkserver pickle the kwargs dict and its lambda.
"""Copy each source folder to the backup area, one process per folder."""
import os
import shutil
import sys
import tempfile

from reportkit.runner import start_worker


def copy_tree(src, dst, on_done=None):
    shutil.copytree(src, dst)
    if on_done is not None:
        on_done(os.path.basename(src))


def main():
    with tempfile.TemporaryDirectory() as root:
        sources = []
        for name in ("docs", "photos"):
            src = os.path.join(root, "src", name)
            os.makedirs(src)
            with open(os.path.join(src, "a.txt"), "w") as fh:
                fh.write(name)
            sources.append(src)
        procs = []
        for src in sources:
            dst = os.path.join(root, "backup", os.path.basename(src))
            procs.append(start_worker(copy_tree, src, dst,
                                      on_done=lambda name: print("backed up", name)))
        for proc in procs:
            proc.join()
        copied = sorted(os.listdir(os.path.join(root, "backup")))
    print(f"RESULT={copied}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
