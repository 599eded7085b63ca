# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/AFM-SPM/TopoStats/issues/260 -- the fix: the updated plotting dictionary is passed to process_scan through functools.partial instead of being read from the module global inside the worker
import copy
import multiprocessing
import sys
from functools import partial

DEFAULT_PLOT_DICT = {
    "processed": {"zrange": None, "cmap": "afmhot"},
    "grains": {"zrange": None, "cmap": "viridis"},
}


def load_config(argv):
    config = {"plotting": {"processed": {"zrange": [0, 3]}, "grains": {"zrange": [0, 5]}}}
    if "--no-zrange" in argv:
        config["plotting"] = {}
    return config


def process_scan(image_name, plot_dict, scale):
    opts = plot_dict["processed"]
    zrange = opts["zrange"] or [0, "auto"]
    return image_name, zrange[1], scale


def main(argv):
    config = load_config(argv)
    plot_dict = copy.deepcopy(DEFAULT_PLOT_DICT)
    for name, opts in config["plotting"].items():
        plot_dict[name].update(opts)
    images = ["scan_001.spm", "scan_002.spm", "scan_003.spm"]
    with multiprocessing.Pool(2) as pool:
        results = pool.map(partial(process_scan, plot_dict=plot_dict, scale=1.0), images)
    tops = sorted({str(top) for _, top, _ in results})
    print("RESULT=" + ",".join(tops))
    sys.exit(0 if tops == ["3"] else 3)


if __name__ == "__main__":
    main(sys.argv[1:])
