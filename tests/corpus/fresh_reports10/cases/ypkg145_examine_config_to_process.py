# family: args
# hazard: unpicklable-process-arg
# line: 37 39
# files: r10kit/pisi_config.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/getsolus/ypkg/pull/145 -- on Python 3.14 (forkserver by default) the examine phase broke because a pisi Config object, unpicklable, rides into the worker processes with every examine task; the PR pins the fork start method
import multiprocessing
import os
import sys
import tempfile

from r10kit.pisi_config import Config, ExamineContext


def examine_chunk(ctx, relpaths, out):
    for relpath in relpaths:
        full = os.path.join(ctx.root, relpath)
        kind = "elf" if relpath.startswith("usr/bin") else "data"
        out.put((relpath, kind, os.path.getsize(full), ctx.config.values["cflags"]))


class PackageExaminer:
    def __init__(self, ctx, jobs=2):
        self.ctx = ctx
        self.jobs = jobs

    def files(self):
        for dirpath, _, names in os.walk(self.ctx.root):
            for name in names:
                yield os.path.relpath(os.path.join(dirpath, name), self.ctx.root)

    def examine(self):
        paths = sorted(self.files())
        self.ctx.config.note("examining %d files" % len(paths))
        out = multiprocessing.Queue()
        chunks = [paths[i::self.jobs] for i in range(self.jobs)]
        procs = [multiprocessing.Process(target=examine_chunk, args=(self.ctx, chunk, out)) for chunk in chunks]
        for proc in procs:
            proc.start()
        results = sorted(out.get(timeout=10) for _ in paths)
        for proc in procs:
            proc.join(10)
        return results


def main():
    with tempfile.TemporaryDirectory() as root:
        for rel in ("usr/bin/tool", "usr/share/doc/README"):
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as fh:
                fh.write("x" * 10)
        config = Config("tool")
        try:
            results = PackageExaminer(ExamineContext(config, root)).examine()
        finally:
            config.close()
    print("examined", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
