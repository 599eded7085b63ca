# family: poolctx
# hazard: pool-results-lost
# line: 27
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/python/cpython/issues/74140 -- Pool.__exit__() calls terminate(), not close(): work submitted asynchronously inside the with block and not waited for is dropped; the report expected __exit__ to wait (won't fix)
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
        return self.done


def main():
    paths = [f"img{i}.png" for i in range(6)]
    done = ThumbnailJob(paths).run()
    print(f"RESULT={len(done)}")
    sys.exit(0 if len(done) == len(paths) else 3)


if __name__ == "__main__":
    main()
