# family: callable
# hazard: unpicklable-callable
# line: 29
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/tqdm/tqdm/issues/702 -- the class-shaped unzipper: the bar lives on self and pool.map(self.extract, ...) pickles the instance with every task, on every start method
import os
import sys
import tempfile
import zipfile
from multiprocessing import Pool

from tqdm import tqdm


class Unzipper:
    def __init__(self, archives, dest):
        self.archives = archives
        self.dest = dest
        self.progress_log = open(os.path.join(dest + ".progress"), "w")
        self.bar = tqdm(total=len(archives), desc="archives", file=self.progress_log, mininterval=60)

    def extract(self, path):
        with zipfile.ZipFile(path) as zf:
            zf.extractall(self.dest)
            return len(zf.namelist())

    def run(self):
        with Pool(2) as pool:
            counts = pool.map(self.extract, self.archives)
        self.bar.update(len(counts))
        return sum(counts)


def main():
    folder = tempfile.mkdtemp()
    archives = []
    for i in range(3):
        path = os.path.join(folder, f"part{i}.zip")
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(f"p{i}/a.txt", "abc")
        archives.append(path)
    print(f"RESULT={Unzipper(archives, os.path.join(folder, 'out')).run()}")


if __name__ == "__main__":
    sys.exit(main())
