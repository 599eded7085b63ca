# family: mainblock
# hazard: target-in-main-block
# line: 14
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: a parallel grep CLI whose author defined the per-file matcher inside the `if __name__ == "__main__":` block next to argparse.
import argparse
from concurrent.futures import ProcessPoolExecutor

DOCS = {"a.txt": "alpha\nbeta", "b.txt": "beta\ngamma"}


def run(matcher, names):
    with ProcessPoolExecutor(2) as ex:
        return dict(zip(names, ex.map(matcher, names)))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--word", default="beta")
    args = ap.parse_args()

    def count_matches(name):
        return DOCS[name].count("beta")

    found = run(count_matches, sorted(DOCS))
    print("RESULT=" + ",".join(f"{k}:{v}" for k, v in found.items()))
