# family: guard
# hazard: none
# line: none
# files: r6kit/prep.py
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/AnswerDotAI/fsdp_qlora/issues/28 -- the fix: the dataset preparation and training are moved into main(), which runs only under the `if __name__ == "__main__":` guard.
import argparse
from dataclasses import dataclass

from r6kit.prep import tokenize_shards


@dataclass
class TrainArgs:
    model_name: str = "tiny-llama"
    batch_size: int = 2
    num_workers: int = 2
    dataset: str = "alpaca_sample"


DATASETS = {
    "alpaca_sample": ["give three tips for staying healthy", "what are the primary colors", "describe an atom"],
}


def fsdp_main(args, token_lengths):
    steps = (len(token_lengths) + args.batch_size - 1) // args.batch_size
    return steps, sum(len(t) for t in token_lengths)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch_size", type=int, default=2)
    cli = parser.parse_args([])
    args = TrainArgs(batch_size=cli.batch_size)
    token_lengths = tokenize_shards(DATASETS[args.dataset], workers=args.num_workers)
    print("RESULT=%s" % (fsdp_main(args, token_lengths),))


if __name__ == "__main__":
    main()
