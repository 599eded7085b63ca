"""Downloads on a ThreadPoolExecutor, then a process Pool made inside its `with` block: the executor's
worker threads are idle but alive (joined only when the block ends)."""
import concurrent.futures
import multiprocessing


def fetch(i):
    return i


def parse(x):
    return x + 1


if __name__ == "__main__":
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as downloads:
        pages = list(downloads.map(fetch, range(8)))
        with multiprocessing.Pool(2) as pool:  # MP423
            print("RESULT=" + str(sum(pool.map(parse, pages))))
