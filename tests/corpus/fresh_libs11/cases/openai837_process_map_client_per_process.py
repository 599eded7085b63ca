# family: args
# hazard: none
# line: none
# files: l11kit/llm_client.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/openai/openai-python/issues/837 -- near miss: the maintainers' answer ("pickling does not make sense for client objects ... pass the data objects between processes"): only the style string and the documents cross; each worker process builds its own client
"""Summarise a batch of documents with a chat client, in worker processes."""
import argparse
import functools

from tqdm.contrib.concurrent import process_map

from l11kit.llm_client import process_client


class Summariser:
    def __init__(self, style="short"):
        self.style = style

    def prompt_for(self, doc):
        return f"Summarise {doc['title']} ({self.style})"


def summarise(style, doc):
    return process_client().complete(Summariser(style).prompt_for(doc))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    docs = [{"title": t} for t in ("Alpha report", "Beta memo", "Gamma notes")]
    task = functools.partial(summarise, "short")
    replies = process_map(task, docs, max_workers=args.workers, chunksize=1, disable=True)
    print(f"RESULT={replies}")


if __name__ == "__main__":
    main()
