# family: args
# hazard: unpicklable-argument
# line: 48 opskit/parallel.py:8
# files: opskit/parallel.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/snayfach/MIDAS/issues/112 -- run_midas snps builds an args dict, stores the open log file handle in it (args['log']), and hands (species, args) to utility.parallel() for every species; the pool task cannot pickle the TextIOWrapper ("it seems to be due to passing the file handler in the args")
"""SNP pileup per species, run in parallel with the shared pool helper."""
import gzip
import io
import os
import sys
import tempfile

from opskit.parallel import parallel

PILEUPS = {"Bacteroides_vulgatus": "ACGTTGCA", "Escherichia_coli": "ACGAACGT"}


def iopen(inpath, mode="r"):
    """Open input file for reading regardless of compression."""
    ext = inpath.split(".")[-1]
    if ext == "gz":
        return io.TextIOWrapper(gzip.open(inpath, mode + "b"))
    return open(inpath, mode)


def species_pileup(species_id, args):
    ref = PILEUPS[species_id]
    reads = args["reads"][species_id]
    snps = sum(1 for a, b in zip(ref, reads) if a != b)
    return species_id, snps


def write_inputs(outdir):
    path = os.path.join(outdir, "reads.txt.gz")
    with gzip.open(path, "wt") as fh:
        fh.write("Bacteroides_vulgatus ACGTTGGA\nEscherichia_coli TCGAACGA\n")
    return path


def run_pipeline(args):
    with iopen(args["reads_path"]) as fh:
        args["reads"] = dict(line.split() for line in fh)
    args["log"] = open(os.path.join(args["outdir"], "snps_log.txt"), "w")
    args["log"].write("species_pileup start\n")
    argument_list = [(sp, args) for sp in sorted(PILEUPS)]
    results = parallel(species_pileup, argument_list, threads=args["threads"])  # ANCHOR
    args["log"].write("species_pileup done\n")
    args["log"].close()
    return dict(results)


def main():
    outdir = tempfile.mkdtemp(prefix="midas_")
    args = {"outdir": outdir, "threads": 2, "reads_path": write_inputs(outdir)}
    snps = run_pipeline(args)
    print("RESULT=" + ",".join(f"{k}:{v}" for k, v in sorted(snps.items())))
    return 0 if snps == {"Bacteroides_vulgatus": 1, "Escherichia_coli": 2} else 3


if __name__ == "__main__":
    sys.exit(main())
