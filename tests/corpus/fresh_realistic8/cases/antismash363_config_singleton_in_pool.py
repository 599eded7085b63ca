# family: state
# hazard: global-not-inherited
# line: 24 33
# files: rz8kit/config.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/antismash/antismash/pull/363 -- since Python 3.8 macOS starts pool workers with spawn, which "broke the singleton behaviour with get_config()": the options the CLI stored in the config singleton are empty inside the gene-finding workers; reduced to a record-processing CLI whose pool tasks read get_config()
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


def ensure_cds_info(records, cpus):
    with Pool(cpus) as pool:
        return dict(pool.map(run_detection, records))


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="antismash-lite")
    parser.add_argument("--genefinding-tool", default="prodigal")
    parser.add_argument("--minimum-orf-length", type=int, default=4)
    parser.add_argument("--cpus", type=int, default=2)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    update_config(vars(args))
    records = [Record("contig1", "ATGAAACCCGGGTTT"), Record("contig2", "ATGCCCAAATAG")]
    found = ensure_cds_info(records, get_config().cpus)
    for name, genes in sorted(found.items()):
        print(name, len(genes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
