# family: callable
# hazard: unpicklable-callable
# line: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 10
# note: shape of https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14 ("Can't pickle local object 'main.<locals>.<lambda>'"), with an mpire WorkerPool that the script sets to start_method="spawn"
from mpire import WorkerPool

POOL_OPTS = {"n_jobs": 2, "start_method": "spawn"}


def parse(record):
    return record.strip().upper()


def main():
    records = [" a", "b ", " c "]
    clean = lambda r: parse(r)
    with WorkerPool(**POOL_OPTS) as pool:
        out = pool.map(clean, records)
    print("RESULT=" + "".join(out))


if __name__ == "__main__":
    main()
