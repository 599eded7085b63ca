# family: results
# hazard: async-error-never-fetched
# line: 28
# files: r27kit/rvic.py
# timeout: 15
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/UW-Hydro/RVIC/pull/62 -- "errors were not raised by Pool workers": rvic.parameters sent each outlet's gen_uh_run to a Pool with apply_async and a success callback (store_result appends to a global results list) and never fetched the AsyncResults, so an outlet whose run raised simply went missing from the parameter file
"""Build RVIC routing parameters for every pour point (one pool task per outlet)."""
import argparse
import multiprocessing
import sys

from r27kit.rvic import gen_uh_run, read_pour_points

results = {}


def store_result(result):
    """Callback: runs in the parent as each outlet finishes."""
    name, uh = result
    results[name] = uh


def parameters(pour_points, numofproc=2):
    outlets = read_pour_points(pour_points)
    pool = multiprocessing.Pool(processes=numofproc)
    for outlet in outlets:
        pool.apply_async(gen_uh_run, args=(outlet,), kwds={"velocity": 1.5}, callback=store_result)
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
    print(f"RESULT=routed={len(param['outlets'])}/{len(outlets)}")
    return 0 if len(param["outlets"]) == len(outlets) else 3


if __name__ == "__main__":
    sys.exit(main())
