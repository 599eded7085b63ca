# family: args
# hazard: unpicklable-attribute-argument
# line: 51 52 r15kit/refgenome.py:23
# files: r15kit/refgenome.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/vatlab/varianttools/issues/144 -- "Python 3.8 use spawn as default method to create subprocesses": "vtools import" fails on macOS with "ERROR: cannot pickle 'SwigPyObject' object" in importGenotypesInParallel, because each genotype-import worker process receives the importer object, which holds the SWIG-wrapped normaliser (a raw C pointer); "for fork we are NOT pickling stuff ... on spawn we are"
import argparse
import multiprocessing
import sys
from collections import Counter

from r15kit.refgenome import ImportSpec, make_normalizer, parse_records

VCF_LINES = [
    "chr1 100 AT A 0/1 1/1 0/0",
    "chr1 250 G GC 0/0 0/1 0/1",
    "chr1 300 CAT CGT 1/1 1/1 0/1",
    "chr1 410 T C 0/1 0/0 0/0",
    "chr1 500 GGA GA 0/1 0/1 1/1",
    "chr1 620 A AAG 0/0 0/0 0/1",
]


class Importer:
    def __init__(self, spec):
        self.spec = spec
        self.normalizer = make_normalizer(spec)
        self.records = []

    def read(self, lines):
        self.records = parse_records(lines)

    def chunks(self, n):
        return [self.records[i::n] for i in range(n)]


def import_genotypes_worker(importer, chunk, out_queue):
    counts = Counter()
    variants = []
    for chrom, pos, ref, alt, gts in chunk:
        variants.append(importer.normalizer.normalize(pos, ref, alt))
        for gt in gts:
            counts[gt] += 1
    out_queue.put((variants, dict(counts)))


def import_genotypes_in_parallel(importer, jobs):
    queue = multiprocessing.Queue()
    procs = []
    for chunk in importer.chunks(jobs):
        proc = multiprocessing.Process(target=import_genotypes_worker, args=(importer, chunk, queue))
        proc.start()
        procs.append(proc)
    variants, counts = [], Counter()
    for _ in procs:
        chunk_variants, chunk_counts = queue.get()
        variants.extend(chunk_variants)
        counts.update(chunk_counts)
    for proc in procs:
        proc.join()
    return sorted(variants), counts


def main(argv=None):
    parser = argparse.ArgumentParser(prog="vtools import")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    spec = ImportSpec("hg19", "ACGT" * 200, ("S1", "S2", "S3"))
    importer = Importer(spec)
    importer.read(VCF_LINES)
    variants, counts = import_genotypes_in_parallel(importer, args.jobs)
    het = counts["0/1"]
    print(f"RESULT={len(variants)}:{het}:{variants[2]}")
    return 0 if (len(variants), het) == (6, 8) else 3


if __name__ == "__main__":
    sys.exit(main())
