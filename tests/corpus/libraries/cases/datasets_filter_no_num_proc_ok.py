# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: filter without num_proc (num_proc=None) runs in the parent process: no guard is needed and nothing is pickled, so an unguarded script whose lambda reads a generator works. (datasets 5.2.0 starts a pool for any num_proc >= 1, num_proc=1 included: observed; mpguard reports only a constant num_proc > 1, as older releases ran num_proc=1 in the parent.) Modelled on https://github.com/huggingface/datasets/issues/1769 (disabling multiprocessing with num_proc=None makes it work).
from datasets import Dataset, disable_progress_bars

disable_progress_bars()
seen = (i for i in range(1000))
ds = Dataset.from_dict({"x": list(range(40))})
out = ds.filter(lambda e: e["x"] % 2 == 0 and next(seen) >= 0, num_proc=None)
print("RESULT=" + str(len(out)))
