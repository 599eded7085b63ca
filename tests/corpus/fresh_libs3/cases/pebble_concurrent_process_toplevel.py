# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 10
# note: near miss of https://github.com/noxdafox/pebble/issues/74: the @concurrent.process function is defined at module level and called under the main guard
from pebble import concurrent

LIMIT = 8


@concurrent.process(timeout=5)
def check(path):
    return len(path) <= LIMIT


def main():
    futures = [check(p) for p in ("a.java", "long_name.java")]
    out = [f.result() for f in futures]
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
