"""Near miss: the process Pool is made after the ThreadPoolExecutor's block has joined its threads."""
import concurrent.futures
import multiprocessing


def fetch(i):
    return i


def parse(x):
    return x + 1


if __name__ == "__main__":
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as downloads:
        pages = list(downloads.map(fetch, range(8)))
    with multiprocessing.Pool(2) as pool:
        print("RESULT=" + str(sum(pool.map(parse, pages))))
