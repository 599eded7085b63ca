# family: globals
# hazard: parent-state-not-inherited
# line: 32
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/AFM-SPM/TopoStats/issues/260 -- main() updated the module-level PLOT_DICT from the user's config, but process_scan, run in a Pool, saw the original defaults for some users (macOS, spawn): the images were not scaled by zrange
import multiprocessing
import sys
from functools import partial

PLOT_DICT = {
    "processed": {"zrange": None, "cmap": "afmhot"},
    "grains": {"zrange": None, "cmap": "viridis"},
}


def load_config(argv):
    config = {"plotting": {"processed": {"zrange": [0, 3]}, "grains": {"zrange": [0, 5]}}}
    if "--no-zrange" in argv:
        config["plotting"] = {}
    return config


def process_scan(image_name, scale):
    opts = PLOT_DICT["processed"]
    zrange = opts["zrange"] or [0, "auto"]
    return image_name, zrange[1], scale


def main(argv):
    config = load_config(argv)
    for name, opts in config["plotting"].items():
        PLOT_DICT[name].update(opts)
    images = ["scan_001.spm", "scan_002.spm", "scan_003.spm"]
    with multiprocessing.Pool(2) as pool:
        results = pool.map(partial(process_scan, scale=1.0), images)
    tops = sorted({str(top) for _, top, _ in results})
    print("RESULT=" + ",".join(tops))
    sys.exit(0 if tops == ["3"] else 3)


if __name__ == "__main__":
    main(sys.argv[1:])
