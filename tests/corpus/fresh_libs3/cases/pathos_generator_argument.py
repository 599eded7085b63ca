# family: args
# hazard: unpicklable-argument
# line: 24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/swansonk14/p_tqdm/issues/3 ("it says it can't pickle generators" with pathos ProcessPool): a generator handed to each task as an argument fails with dill too
from pathos.multiprocessing import ProcessPool


def read_lines(n):
    for i in range(n):
        yield f"line {i}"


def count(item):
    name, lines = item
    return name, sum(1 for _ in lines)


def main():
    sources = {"a": 3, "b": 4}
    items = [(name, read_lines(n)) for name, n in sources.items()]
    pool = ProcessPool(nodes=2)
    try:
        out = dict(pool.map(count, items))
    finally:
        pool.close()
        pool.join()
        pool.clear()
    print("RESULT=" + str(out["a"] + out["b"]))


if __name__ == "__main__":
    main()
