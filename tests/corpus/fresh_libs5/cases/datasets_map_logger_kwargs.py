# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/huggingface/datasets/issues/5061 -- "_pickle.PicklingError: logger cannot be pickled in multiprocessing map": a logger from `logging.getLogger(name)` reduces to getLogger(name), so passing it in `fn_kwargs` with num_proc works (the maintainer could not reproduce).
import logging

from datasets import Dataset

PAGES = ["alpha beta", "gamma", "delta epsilon zeta", ""]


def count_words(example, log=None):
    words = len(example["text"].split())
    if not words:
        log.debug("empty example")
    return {"words": words}


def build(pages):
    log = logging.getLogger("preprocess")
    logging.basicConfig(level=logging.WARNING)
    dataset = Dataset.from_dict({"text": pages})
    return dataset.map(count_words, fn_kwargs={"log": log}, num_proc=2)


if __name__ == "__main__":
    processed = build(PAGES)
    print("RESULT=%d" % sum(processed["words"]))
