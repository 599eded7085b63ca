"""Near miss: a ThreadPoolExecutor that has run no task has started no thread yet."""
import concurrent.futures
import multiprocessing


def parse(x):
    return x + 1


if __name__ == "__main__":
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as downloads:
        with multiprocessing.Pool(2) as pool:
            print("RESULT=" + str(sum(pool.map(parse, range(8)))))
        downloads.submit(parse, 1).result()
