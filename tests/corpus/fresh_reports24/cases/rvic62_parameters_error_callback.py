# family: results
# hazard: none
# line: none
# files: r27kit/rvic.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/UW-Hydro/RVIC/pull/62 (see also issue #91) -- the fix: apply_async is given error_callback=error as well, so the failure of an outlet reaches the parent, is logged and counted, and the run reports it instead of writing a parameter file that silently lacks the outlet
"""Build RVIC routing parameters for every pour point (one pool task per outlet, failures reported)."""
import argparse
import logging
import multiprocessing
import sys

from r27kit.rvic import gen_uh_run, read_pour_points

log = logging.getLogger("parameters")
results = {}
failures = []


def store_result(result):
    """Callback: runs in the parent as each outlet finishes."""
    name, uh = result
    results[name] = uh


def error(status):
    """Error callback: runs in the parent with the exception an outlet raised."""
    log.error("outlet failed: %s", status)
    failures.append(str(status))


def parameters(pour_points, numofproc=2):
    outlets = read_pour_points(pour_points)
    pool = multiprocessing.Pool(processes=numofproc)
    for outlet in outlets:
        pool.apply_async(gen_uh_run, args=(outlet,), kwds={"velocity": 1.5}, callback=store_result,
                         error_callback=error)
    pool.close()
    pool.join()
    return outlets


def write_param_file(outlets):
    routed = [o.name for o in outlets if o.name in results]
    return {"outlets": routed, "ordinates": sum(len(results[n]) for n in routed)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pour-points", default="columbia:3,5,8;snake:2,9;willamette:")
    parser.add_argument("--numofproc", type=int, default=2)
    args = parser.parse_args(argv)
    outlets = parameters(args.pour_points, args.numofproc)
    param = write_param_file(outlets)
    print(f"RESULT=routed={len(param['outlets'])}/{len(outlets)} failed={len(failures)}")
    return 0 if len(param["outlets"]) + len(failures) == len(outlets) else 3


if __name__ == "__main__":
    sys.exit(main())
