# family: calls
# hazard: unpicklable-callable
# line: 35
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Same resize CLI, but the "policy" chosen on the command line is a lambda wrapped in functools.partial by a builder function; partial pickles its func, so Pool.map fails on every start method. Modelled on https://github.com/jina-ai/serve/pull/3851 (docs: lambdas are not picklable, use functools.partial of a named function instead).
"""Resize a list of (width, height) pairs with a process pool."""
import argparse
import functools
import multiprocessing

POLICIES = {
    "shrink": lambda size, scale, minimum: (max(int(size[0] * scale), minimum),
                                            max(int(size[1] * scale), minimum)),
    "square": lambda size, scale, minimum: (max(int(min(size) * scale), minimum),) * 2,
}


def build_task(policy, scale, minimum):
    return functools.partial(POLICIES[policy], scale=scale, minimum=minimum)


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--policy", default="shrink", choices=sorted(POLICIES))
    parser.add_argument("--scale", type=float, default=0.5)
    parser.add_argument("--minimum", type=int, default=16)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sizes = [(1920, 1080), (640, 480), (20, 20)]
    task = build_task(args.policy, args.scale, args.minimum)
    with multiprocessing.Pool(2) as pool:
        print(pool.map(task, sizes))


if __name__ == "__main__":
    main()
