# family: results
# hazard: none
# line: none
# files: crmshlite/__init__.py crmshlite/sh_fixed.py crmshlite/collect_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 8
# note: Fixed near miss of https://github.com/ClusterLabs/crmsh/pull/1518 (the merged fix adds CommandFailure.__reduce__ returning (CommandFailure, (cmd, host, user, msg)), so the failure of collect_crm_verify reaches the parent as a normal error that collect_info logs). Same pool/apply_async/getattr dispatch as the buggy case.
"""Collect the pieces of a cluster report in parallel (reduced crm report)."""
import multiprocessing
import sys
from inspect import getmembers, isfunction

from crmshlite import collect_fixed as collect


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
