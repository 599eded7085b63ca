# family: args
# hazard: httpx-client-in-process-map-partial
# line: 36
# files: l11kit/llm_client.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/openai/openai-python/issues/837 -- "Client objects are not pickle-able for multiprocess programs": pickle.dumps(OpenAI(...)) gives "TypeError: cannot pickle '_thread.RLock' object" (the httpx client inside); here a summariser built once in the parent is bound into the task with functools.partial and sent through tqdm's process_map
"""Summarise a batch of documents with a chat client, in worker processes."""
import argparse
import functools

from tqdm.contrib.concurrent import process_map

from l11kit.llm_client import ChatClient


class Summariser:
    def __init__(self, client, style="short"):
        self.client = client
        self.style = style

    def prompt_for(self, doc):
        return f"Summarise {doc['title']} ({self.style})"


def summarise(summariser, doc):
    return summariser.client.complete(summariser.prompt_for(doc))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    docs = [{"title": t} for t in ("Alpha report", "Beta memo", "Gamma notes")]
    summariser = Summariser(ChatClient(api_key="sk-test"))
    task = functools.partial(summarise, summariser)
    replies = process_map(task, docs, max_workers=args.workers, chunksize=1, disable=True)
    print(f"RESULT={replies}")


if __name__ == "__main__":
    main()
