# family: callable
# hazard: unpicklable-callable
# line: 48
# files: portagelite/__init__.py portagelite/futures.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/gentoo/portage/pull/1130 (MergeProcess._start passed target arguments that referenced self, including a lambda, to the ForkProcess it starts; under spawn: "Can't pickle local object 'MergeProcess._start.<locals>.<lambda>'"). Kept: MergeProcess with settings/mycat/mypkg attributes, a _start that builds the child's kwargs dict holding a lambda callback, and the ForkProcess helper module; the merge itself writes a marker file.
"""Merge a built package image into the live filesystem from a child process."""
import os
import shutil
import sys
import tempfile

from portagelite.futures import ForkProcess


def _merge_image(image_dir, dest_root, mycat, mypkg, counter_cb):
    target = os.path.join(dest_root, mycat, mypkg)
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(image_dir)):
        shutil.copy(os.path.join(image_dir, name), target)
    with open(os.path.join(target, "COUNTER"), "w") as f:
        f.write(str(counter_cb()))


class MergeProcess:
    """Reduced portage.dbapi._MergeProcess.MergeProcess."""

    def __init__(self, mycat, mypkg, settings, image_dir):
        self.mycat = mycat
        self.mypkg = mypkg
        self.settings = settings
        self.image_dir = image_dir
        self._counter = 41
        self._proc = None

    def _counter_tick(self):
        self._counter += 1
        return self._counter

    def _start(self):
        kwargs = {
            "image_dir": self.image_dir,
            "dest_root": self.settings["ROOT"],
            "mycat": self.mycat,
            "mypkg": self.mypkg,
            "counter_cb": lambda: self._counter_tick(),
        }
        self._proc = ForkProcess(target=_merge_image, kwargs=kwargs)
        self._proc.start()

    def wait(self):
        return self._proc.wait()


def main():
    image, root = tempfile.mkdtemp(), tempfile.mkdtemp()
    try:
        with open(os.path.join(image, "hello"), "w") as f:
            f.write("#!/bin/sh\necho hello\n")
        merge = MergeProcess("app-misc", "hello-1.0", {"ROOT": root}, image)
        merge._start()
        rc = merge.wait()
        merged = sorted(os.listdir(os.path.join(root, "app-misc", "hello-1.0")))
        print("RESULT=%s rc=%s" % (merged, rc))
        return 0 if merged == ["COUNTER", "hello"] else 3
    finally:
        shutil.rmtree(image, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
