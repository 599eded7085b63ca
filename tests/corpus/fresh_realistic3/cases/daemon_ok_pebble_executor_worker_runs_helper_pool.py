# family: daemon
# hazard: none
# line: none
# files: etlkit/parallel.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/noxdafox/pebble/issues/76 ("concurrent.futures.ProcessPoolExecutor doesn't have this limitation on pools within pools"); same shard task calling etlkit.parallel.run_parallel, but the outer pool is a ProcessPoolExecutor, whose workers are not daemonic
import sys
from concurrent.futures import ProcessPoolExecutor

from etlkit.parallel import run_parallel

SHARDS = [
    ["Paris is in France.", "Rome is in Italy."],
    ["Berlin is in Germany.", "Madrid is in Spain.", "Lisbon is in Portugal."],
]


def tokenize(sentence):
    return sentence.rstrip(".").split()


def convert_examples_to_features(sentences, process_count=2):
    token_lists = run_parallel(tokenize, sentences, workers=process_count)
    return [len(tokens) for tokens in token_lists]


def process_shard(shard):
    features = convert_examples_to_features(shard)
    return sum(features)


class Task:
    def __init__(self, shards, workers=2):
        self.shards = shards
        self.workers = workers

    def execute(self):
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(process_shard, self.shards))


def main():
    totals = Task(SHARDS).execute()
    print("RESULT=%s" % totals)
    if totals != [8, 12]:
        sys.exit(3)


if __name__ == "__main__":
    main()
