# family: results
# hazard: unpicklable-exception
# line: crmshlite/sh.py:32
# files: crmshlite/__init__.py crmshlite/sh.py crmshlite/collect.py
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# timeout: 8
# note: Reduced from https://github.com/ClusterLabs/crmsh/pull/1518 ("crm report will hang if CIB contains invalid configurations": a collect function run through multiprocessing raises crmsh.sh.CommandFailure(cmd, host, user, msg), whose __init__ passes one formatted message to ValueError, so the parent cannot rebuild it and the pool's result handler dies; fixed by adding __reduce__). Kept: the Error/CommandFailure hierarchy and LocalShell.get_stdout_or_raise_error in a helper package, the collect_* functions discovered with inspect.getmembers and dispatched with pool.apply_async(getattr(collect, name)) as in crmsh/report/utillib.collect_info, close/join then result.get(); crm_verify is a python -c command that exits 1.
"""Collect the pieces of a cluster report in parallel (reduced crm report)."""
import multiprocessing
import sys
from inspect import getmembers, isfunction

from crmshlite import collect


def generate_collect_functions():
    """Generate function list from collect.py"""
    return [func for func, _ in getmembers(collect, isfunction) if func.startswith("collect_")]


def collect_info():
    collect_func_list = generate_collect_functions()
    pool = multiprocessing.Pool(2)
    result_list = []
    for cf in collect_func_list:
        result = pool.apply_async(getattr(collect, cf))
        result_list.append((cf, result))
    pool.close()
    pool.join()

    collected, errors = {}, []
    for cf, result in result_list:
        try:
            collected[cf] = result.get()
        except Exception as err:
            errors.append("%s: %s" % (cf, err))
    return collected, errors


def main():
    collected, errors = collect_info()
    print("RESULT=%d collected, %d errors" % (len(collected), len(errors)))
    for err in errors:
        print("ERROR:", err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
