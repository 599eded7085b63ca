# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: filter with num_proc=1 (or no num_proc) runs in the parent process: no guard is needed and nothing is pickled, so an unguarded script with a generator in the closure works. Modelled on https://github.com/huggingface/datasets/issues/1769 (disabling multiprocessing with num_proc=None makes it work).
from datasets import Dataset, disable_progress_bars

disable_progress_bars()
seen = (i for i in range(1000))
ds = Dataset.from_dict({"x": list(range(40))})
out = ds.filter(lambda e: e["x"] % 2 == 0 and next(seen) >= 0, num_proc=1)
print("RESULT=" + str(len(out)))
