# family: exceptions
# hazard: child-exception-unnoticed
# line: 45 r27kit/pest.py:30
# files: r27kit/pest.py
# timeout: 15
# expect: fork=error:FactorsError spawn=error:FactorsError forkserver=error:FactorsError
# note: https://github.com/pypest/pyemu/issues/136 (fixed by PR #137) -- "the worker threads could be bombing but the main thread will just continue": write_input_files ran fac2real for each multiplier array in its own multiprocessing.Process and joined them; a worker that raised only printed a traceback, the parent never learned of it and carried on with a missing model input
"""Write the model input arrays of a PEST interface from pilot points (one process per array)."""
import argparse
import multiprocessing as mp
import os
import sys
import tempfile
from dataclasses import dataclass

from r27kit import pest


@dataclass
class ArrayJob:
    name: str
    pp_file: str
    factors_file: str
    out_file: str


def build_interface(workdir):
    """Pilot points for hk and sy; the third factors file still names a point that was dropped."""
    pp = os.path.join(workdir, "hkpp.dat")
    pest.write_pilot_points(pp, {"pp1": 10.0, "pp2": 12.5, "pp3": 8.0})
    jobs = []
    for name, rows in (("hk1", [{"pp1": 0.5, "pp2": 0.5}, {"pp3": 1.0}]),
                       ("hk2", [{"pp2": 1.0}, {"pp1": 0.2, "pp3": 0.8}]),
                       ("hk3", [{"pp1": 0.3, "pp4": 0.7}])):
        fac = os.path.join(workdir, f"{name}.fac")
        pest.write_factors(fac, rows)
        jobs.append(ArrayJob(name, pp, fac, os.path.join(workdir, f"{name}.ref")))
    return jobs


def write_input_files(jobs):
    procs = []
    for job in jobs:
        p = mp.Process(target=pest.fac2real, args=(job.pp_file, job.factors_file, job.out_file))
        p.start()
        procs.append(p)
    for p in procs:
        p.join()
    return [job.name for job in jobs if os.path.exists(job.out_file)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.workdir) as workdir:
        jobs = build_interface(workdir)
        written = write_input_files(jobs)
    print(f"RESULT=written={len(written)}/{len(jobs)}")
    return 0 if len(written) == len(jobs) else 3


if __name__ == "__main__":
    sys.exit(main())
