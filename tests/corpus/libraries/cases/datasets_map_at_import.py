# family: datasets
# hazard: process-started-at-import
# line: 17
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 60
# note: Dataset.map(num_proc=N) runs the shards on a multiprocess Pool with multiprocess's default context (arrow_dataset.py: `with mp.Pool(num_proc) as pool`): an unguarded script is re-imported by every spawned worker. Modelled on https://github.com/huggingface/datasets/issues/2067 (map with num_proc on Windows: the bootstrapping RuntimeError from multiprocess/spawn.py) and https://github.com/huggingface/datasets/pull/552 (map spawns one process per shard).
from datasets import Dataset, disable_progress_bars

disable_progress_bars()


def lower(batch):
    return {"text": [t.lower() for t in batch["text"]]}


ds = Dataset.from_dict({"text": ["Hello", "World"] * 20})
out = ds.map(lower, batched=True, num_proc=2)
print("RESULT=" + str(out[:2]["text"]))
