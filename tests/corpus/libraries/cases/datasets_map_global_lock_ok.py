# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: A function of the script that reads a module-level threading.Lock: dill sends a function of __main__ by reference to the module's globals, so the lock never travels (each spawned worker re-imports the script and makes its own; forked ones inherit it). cloudpickle would copy it and fail (compare joblib_loky_global_lock). Modelled on https://github.com/huggingface/datasets/issues/1769 (pickling problems of map with num_proc=2).
import threading

from datasets import Dataset, disable_progress_bars

LOCK = threading.Lock()


def count(batch):
    with LOCK:
        return {"n": [len(t) for t in batch["text"]]}


if __name__ == "__main__":
    disable_progress_bars()
    ds = Dataset.from_dict({"text": ["ab", "abc"] * 20})
    out = ds.map(count, batched=True, num_proc=2)
    print("RESULT=" + str(sum(out["n"])))
