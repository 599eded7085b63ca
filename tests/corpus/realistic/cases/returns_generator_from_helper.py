# family: returns
# hazard: unpicklable-return
# line: 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: The pool task delegates to a reader helper that is a generator function and returns its (unconsumed) generator; Pool.imap sends results back pickled and generators cannot be pickled. Modelled on https://github.com/python/cpython/issues/83998 ("TypeError: cannot pickle 'generator'").
"""Parse several small CSV payloads in a process pool."""
import multiprocessing

PAYLOADS = {
    "a.csv": "id,qty\n1,4\n2,7\n",
    "b.csv": "id,qty\n3,1\n",
    "c.csv": "id,qty\n4,9\n5,2\n6,6\n",
}


def iter_rows(text):
    header, *lines = text.strip().splitlines()
    keys = header.split(",")
    for line in lines:
        yield dict(zip(keys, line.split(",")))


def parse_payload(name):
    rows = iter_rows(PAYLOADS[name])
    return rows


def main():
    names = sorted(PAYLOADS)
    with multiprocessing.Pool(2) as pool:
        for name, rows in zip(names, pool.imap(parse_payload, names)):
            print(name, sum(int(r["qty"]) for r in rows))


if __name__ == "__main__":
    main()
