# family: guard
# hazard: none
# line: none
# files: r21kit/ciq_worker.py r21kit/ciq_tuner.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/NVIDIA/CompileIQ/pull/46 -- the PR's change: the snippet's search is wrapped in `if __name__ == "__main__":` as every script under examples/ already was, so the children import the script without starting a tuner (the library still forces its CIQ_PROCESS_MODE start method at import)
"""Create your first search: tune two compiler flags for a synthetic objective."""
from r21kit.ciq_tuner import SearchSpace, Tuner


def objective(unroll: int, vectorize: bool) -> float:
    # a stand-in for compiling and timing a kernel with these flags
    cost = 10.0 / unroll + (0.5 if not vectorize else 0.0) + 0.3 * unroll
    return round(cost, 3)


def main() -> None:
    space = SearchSpace(params={"unroll": [1, 2, 4, 8], "vectorize": [False, True]})
    tuner = Tuner(space, objective, num_workers=2, cache_folder="/tmp/ciq-first-search")
    best = tuner.start()
    print(f"RESULT=best:{best}")


if __name__ == "__main__":
    main()
