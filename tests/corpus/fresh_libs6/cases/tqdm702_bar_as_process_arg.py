# family: args
# hazard: unpicklable-argument
# line: 41
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/tqdm/tqdm/issues/702 -- an unzipper gives every Process its own tqdm bar as an argument; it works on Linux (fork) and fails on Windows (spawn) because the bar holds its output stream (here a progress log file)
import os
import sys
import tempfile
import zipfile
from multiprocessing import Process

from tqdm import tqdm


def make_archives(folder, count=2, members=3):
    paths = []
    for i in range(count):
        path = os.path.join(folder, f"part{i}.zip")
        with zipfile.ZipFile(path, "w") as zf:
            for j in range(members):
                zf.writestr(f"p{i}/f{j}.txt", "x" * 100)
        paths.append(path)
    return paths


def unzip(path, dest, bar):
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            zf.extract(member, dest)
            bar.update(1)


def main():
    folder = tempfile.mkdtemp()
    dest = os.path.join(folder, "out")
    archives = make_archives(folder)
    progress_log = open(os.path.join(folder, "progress.log"), "w")
    procs = []
    for i, path in enumerate(archives):
        bar = tqdm(total=3, position=i, desc=os.path.basename(path), file=progress_log, mininterval=60)
        procs.append(Process(target=unzip, args=(path, dest, bar)))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    count = sum(len(files) for _, _, files in os.walk(dest))
    print(f"RESULT={count}")
    return 0 if count == 6 else 3


if __name__ == "__main__":
    sys.exit(main())
