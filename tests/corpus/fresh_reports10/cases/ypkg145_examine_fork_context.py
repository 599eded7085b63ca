# family: args
# hazard: none
# line: none
# files: r10kit/pisi_config.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/getsolus/ypkg/pull/145 -- the merged fix: the examiner takes its Process and Queue from multiprocessing.get_context("fork"), so the pisi Config object is inherited by the forked children and never pickled, whatever the default start method
import multiprocessing
import os
import sys
import tempfile

MP = multiprocessing.get_context("fork")

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
        out = MP.Queue()
        chunks = [paths[i::self.jobs] for i in range(self.jobs)]
        procs = [MP.Process(target=examine_chunk, args=(self.ctx, chunk, out)) for chunk in chunks]
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
