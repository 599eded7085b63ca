# family: container
# hazard: unpicklable-callable
# line: 35
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Worker start-up hooks are collected with list.append (one of them a lambda) and the combined hook list is passed as Pool(initializer=..., initargs=(hooks,)); initargs are pickled only under spawn/forkserver, where the lambda in the list fails. Modelled on https://github.com/python/cpython/issues/142249 (lambda Pool initializer raising PicklingError when pickled).
"""Warm up pool workers with a list of start-up hooks, then run jobs."""
import multiprocessing
import os

STATE = {}


def set_env_defaults():
    STATE["tz"] = os.environ.get("TZ", "UTC")


def run_hooks(hooks):
    for hook in hooks:
        hook()


def job(n):
    return n, STATE.get("tz"), STATE.get("precision")


def collect_hooks(precision):
    hooks = []
    hooks.append(set_env_defaults)
    hooks.append(lambda: STATE.update(precision=precision))
    return hooks


def main():
    hooks = collect_hooks(precision=3)
    with multiprocessing.Pool(2, initializer=run_hooks, initargs=(hooks,)) as pool:
        for n, tz, precision in pool.map(job, range(3)):
            print(n, tz, precision)


if __name__ == "__main__":
    main()
