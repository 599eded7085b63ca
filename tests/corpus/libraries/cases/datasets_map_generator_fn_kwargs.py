# family: datasets
# hazard: unpicklable-argument
# line: 20
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: A generator of ids handed to the mapped function through fn_kwargs: every shard's job (the function and its fn_kwargs) is pickled by multiprocess's dill, which refuses the generator (TypeError: cannot pickle 'generator' object) under every start method. Modelled on https://github.com/huggingface/datasets/issues/600 (map with num_proc fails while pickling what the function needs) and docs/pickle-catalog.md (generators fail with every serializer).
import itertools

from datasets import Dataset, disable_progress_bars


def add_ids(batch, ids):
    return {"id": [next(ids) for _ in batch["text"]]}


if __name__ == "__main__":
    disable_progress_bars()
    ids = (f"doc-{i}" for i in itertools.count())
    ds = Dataset.from_dict({"text": ["a", "b"] * 20})
    out = ds.map(add_ids, batched=True, num_proc=2, fn_kwargs={"ids": ids})
    print("RESULT=" + str(out[:2]["id"]))
