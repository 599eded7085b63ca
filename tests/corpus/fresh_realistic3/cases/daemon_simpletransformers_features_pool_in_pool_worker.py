# family: daemon
# hazard: daemon-children
# line: etlkit/parallel.py:8
# files: etlkit/parallel.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/ThilinaRajapakse/simpletransformers/issues/1247 (a library's feature conversion opens `with Pool(process_count)` and is called from a task that already runs in a daemonic pool worker); here each document shard is processed in a Pool and the shard task calls etlkit.parallel.run_parallel for its sentences
import multiprocessing
import sys

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
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(process_shard, self.shards)


def main():
    totals = Task(SHARDS).execute()
    print("RESULT=%s" % totals)
    if totals != [8, 12]:
        sys.exit(3)


if __name__ == "__main__":
    main()
