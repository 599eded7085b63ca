# family: callable
# hazard: nested-function-joblib-multiprocessing-backend
# line: 24 25
# files: l11kit/mcio.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/DataMedSci/pymchelper/issues/297 -- makespc.py calls frompattern(pattern, ..., jobs=-1), which hands a function nested in frompattern to joblib: "AttributeError: Can't pickle local object 'frompattern.<locals>._get_detector'"; the joblib of the time pickled with plain pickle, which today's joblib does only with backend="multiprocessing" (taken here from the reader's settings dict)
"""Merge detector files that share a core name, in parallel (makespc-style)."""
import argparse

from joblib import Parallel, delayed

from l11kit import mcio

READER_SETTINGS = {"backend": "multiprocessing", "verbose": 0}


def frompattern(paths, error, nan, jobs=-1, verbose=0):
    core_names_dict = mcio.group_by_core(paths)

    def _get_detector(core, files):
        result = mcio.merge_core(core, files, error=error)
        return result if not nan else (core, float("nan"), error)

    return Parallel(n_jobs=jobs, backend=READER_SETTINGS["backend"], verbose=verbose)(
        delayed(_get_detector)(core_name, filelist)
        for core_name, filelist in core_names_dict.items()
    )


def make_spc(paths, jobs):
    results = frompattern(paths, "none", False, jobs=jobs, verbose=READER_SETTINGS["verbose"])
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
