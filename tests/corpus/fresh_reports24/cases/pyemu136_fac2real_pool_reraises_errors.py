# family: exceptions
# hazard: none
# line: none
# files: r27kit/pest.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pypest/pyemu/pull/137 (for issue #136) -- "switched to mp.Pool and apply_async so that exceptions thrown by the worker threads can be rethrown by the main thread": each fac2real runs as a pool task, the main thread calls get() on every result and reports the array whose factors file is broken instead of carrying on
"""Write the model input arrays of a PEST interface from pilot points (pool tasks, errors rethrown)."""
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


def write_input_files(jobs, num_workers=3):
    with mp.Pool(num_workers) as pool:
        pending = [(job, pool.apply_async(pest.fac2real, args=(job.pp_file, job.factors_file, job.out_file)))
                   for job in jobs]
        written, failed = [], []
        for job, result in pending:
            try:
                result.get(timeout=60)
                written.append(job.name)
            except pest.FactorsError as exc:
                failed.append((job.name, str(exc)))
    return written, failed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.workdir) as workdir:
        jobs = build_interface(workdir)
        written, failed = write_input_files(jobs)
    print(f"RESULT=written={len(written)}/{len(jobs)} failed={','.join(n for n, _ in failed)}")
    return 0 if (len(written), [n for n, _ in failed]) == (2, ["hk3"]) else 3


if __name__ == "__main__":
    sys.exit(main())
