# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/Vuenc/TUM-Master-Informatics-Offered-Lectures/pull/14: mpire's default start method is fork where it exists, and the function reaches the workers by inheritance, so a lambda works
from mpire import WorkerPool

POOL_OPTS = {"n_jobs": 2}


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
