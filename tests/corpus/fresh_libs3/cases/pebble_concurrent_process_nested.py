# family: callable
# hazard: unpicklable-callable
# line: 20
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# timeout: 10
# note: shape of https://github.com/noxdafox/pebble/issues/74 (a function run in a pebble worker fails when it cannot be located by the child): a @concurrent.process function defined inside a factory
from pebble import concurrent


def make_checker(limit):
    @concurrent.process(timeout=5)
    def check(path):
        return len(path) <= limit

    return check


def main():
    check = make_checker(8)
    futures = [check(p) for p in ("a.java", "long_name.java")]
    out = [f.result() for f in futures]
    print("RESULT=" + ",".join(map(str, out)))


if __name__ == "__main__":
    main()
