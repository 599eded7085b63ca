# family: args
# hazard: unpicklable-filter-in-pool-initargs
# line: 36 r21kit/hoji_parallel_legacy.py:31
# files: r21kit/hoji_filters.py r21kit/hoji_pipeline.py r21kit/hoji_parallel_legacy.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/HojiChar/HojiChar/pull/103 -- "Pin Parallel multiprocessing context to fork": "Parallel passes its Compose object to the pool initializer. Under spawn or forkserver, that object must be pickled before workers start, which breaks filters backed by unpicklable C++ bindings such as fastText" (and Python 3.14 made forkserver the POSIX default); here the pipeline built from a settings dict holds a language filter with a memory-mapped model
"""Clean a small corpus with a HojiChar-style pipeline on several processes."""
import argparse
import sys
import tempfile

from r21kit.hoji_filters import Document
from r21kit.hoji_parallel_legacy import Parallel
from r21kit.hoji_pipeline import build_pipeline

SETTINGS = {"min_len": 10, "max_len": 200, "lid_threshold": 0.5, "num_jobs": 2}

CORPUS = [
    "the corpus is clean text of the language model",
    "short",
    "zxq vrr plk mmn the",
    "a filter to clean the data and the document",
    "and the text is a document in the corpus",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-jobs", type=int, default=SETTINGS["num_jobs"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as model_dir:
        settings = dict(SETTINGS, model_dir=model_dir)
        cleaner = build_pipeline(settings)
        docs = (Document(text) for text in CORPUS)
        kept = []
        with Parallel(cleaner, num_jobs=args.num_jobs) as pfilter:
            for doc in pfilter.imap_apply(docs):
                if not doc.is_rejected:
                    kept.append(doc.text)
    print(f"RESULT=kept:{len(kept)}")
    return 0 if len(kept) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
