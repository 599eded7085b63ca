# family: guard
# hazard: missing-main-guard
# line: 31
# files: r6kit/prep.py
# timeout: 8
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: github.com/AnswerDotAI/fsdp_qlora/issues/28 -- the training script prepares its dataset at module level with a helper that tokenizes shards in a Pool; where children are spawned each one re-runs the script and hits "An attempt has been made to start a new process before the current process has finished its bootstrapping phase".
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

parser = argparse.ArgumentParser()
parser.add_argument("--batch_size", type=int, default=2)
cli = parser.parse_args([])
args = TrainArgs(batch_size=cli.batch_size)

token_lengths = tokenize_shards(DATASETS[args.dataset], workers=args.num_workers)


def fsdp_main(args, token_lengths):
    steps = (len(token_lengths) + args.batch_size - 1) // args.batch_size
    return steps, sum(len(t) for t in token_lengths)


print("RESULT=%s" % (fsdp_main(args, token_lengths),))
