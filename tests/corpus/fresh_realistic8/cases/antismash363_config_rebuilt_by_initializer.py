# family: state
# hazard: none
# line: none
# files: rz8kit/config.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/antismash/antismash/pull/363 -- the working variant: the parent hands the options to every pool worker through the Pool initializer, which rebuilds the config singleton in the child before any record is processed, whatever the start method
import argparse
import sys
from dataclasses import dataclass, field
from multiprocessing import Pool

from rz8kit.config import get_config, update_config


@dataclass
class Record:
    name: str
    sequence: str
    features: list = field(default_factory=list)


def run_detection(record):
    options = get_config()
    if options.genefinding_tool == "none":
        return record.name, []
    step = options.minimum_orf_length
    genes = [record.sequence[i:i + step] for i in range(0, len(record.sequence), step)]
    return record.name, [g for g in genes if len(g) == step]


def ensure_cds_info(records, options):
    with Pool(options["cpus"], initializer=update_config, initargs=(options,)) as pool:
        return dict(pool.map(run_detection, records))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="antismash-lite")
    parser.add_argument("--genefinding-tool", default="prodigal")
    parser.add_argument("--minimum-orf-length", type=int, default=4)
    parser.add_argument("--cpus", type=int, default=2)
    return parser.parse_args(argv)


def main(argv):
    options = vars(parse_args(argv))
    update_config(options)
    records = [Record("contig1", "ATGAAACCCGGGTTT"), Record("contig2", "ATGCCCAAATAG")]
    found = ensure_cds_info(records, options)
    for name, genes in sorted(found.items()):
        print(name, len(genes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
