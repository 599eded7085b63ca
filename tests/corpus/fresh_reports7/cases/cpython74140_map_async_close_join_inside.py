# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/74140 -- the documented way: close() and join() (which waits for the callbacks) before the with block calls terminate()
import multiprocessing
import sys
import time


def thumbnail(path):
    time.sleep(0.2)
    return path.replace(".png", ".thumb.png")


class ThumbnailJob:
    def __init__(self, paths, processes=2):
        self.paths = paths
        self.processes = processes
        self.done = []

    def _collect(self, results):
        self.done.extend(results)

    def run(self):
        with multiprocessing.Pool(self.processes) as pool:
            pool.map_async(thumbnail, self.paths, callback=self._collect)
            pool.close()
            pool.join()
        return self.done


def main():
    paths = [f"img{i}.png" for i in range(6)]
    done = ThumbnailJob(paths).run()
    print(f"RESULT={len(done)}")
    sys.exit(0 if len(done) == len(paths) else 3)


if __name__ == "__main__":
    main()
