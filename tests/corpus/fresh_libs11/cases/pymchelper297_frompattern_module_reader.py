# family: callable
# hazard: none
# line: none
# files: l11kit/mcio.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/DataMedSci/pymchelper/issues/297 -- near miss: the fix moves the reader to module level (here l11kit.mcio.merge_core) and passes the options as arguments, so the same multiprocessing backend pickles it by name
"""Merge detector files that share a core name, in parallel (makespc-style)."""
import argparse

from joblib import Parallel, delayed

from l11kit import mcio

READER_SETTINGS = {"backend": "multiprocessing", "verbose": 0}


def frompattern(paths, error, jobs=-1, verbose=0):
    core_names_dict = mcio.group_by_core(paths)
    return Parallel(n_jobs=jobs, backend=READER_SETTINGS["backend"], verbose=verbose)(
        delayed(mcio.merge_core)(core_name, filelist, error=error)
        for core_name, filelist in core_names_dict.items()
    )


def make_spc(paths, jobs):
    results = frompattern(paths, "none", jobs=jobs, verbose=READER_SETTINGS["verbose"])
    return sorted(results)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    paths = [f"run/{core}_{i:04d}.bdo" for core in ("dcyl", "fluence") for i in range(3)]
    results = make_spc(paths, args.jobs)
    print(f"RESULT={[(c, v) for c, v, _ in results]}")


if __name__ == "__main__":
    main()
