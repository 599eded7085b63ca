# family: start_method
# hazard: set-start-method-misuse
# line: 41 r28kit/parallel.py:17
# files: r28kit/parallel.py
# timeout: 25
# expect: fork=context_already_set spawn=ok forkserver=context_already_set
# note: https://github.com/allenai/dolma/issues/58 (fixed by PR #64) -- "make_wikipedia.py fails on linux": dolma's core/parallel.py calls multiprocessing.set_start_method("spawn") when it runs its processor, but the script already used multiprocessing (its extraction pool fixed the default context), so "RuntimeError: context has already been set", and the fallback "assert multiprocessing.get_start_method() == 'spawn'" fails wherever the default is not spawn
"""Build the Wikipedia documents: extract the articles, then tag them with a dolma processor."""
import argparse
import multiprocessing
import sys

from r28kit.parallel import BaseParallelProcessor


def extract_article(page):
    """The wikiextractor step: one raw page to plain text."""
    title, body = page
    return {"id": title.lower().replace(" ", "_"), "text": body.strip()}


class WikipediaProcessor(BaseParallelProcessor):
    @classmethod
    def process_single(cls, doc):
        return doc["id"], len(doc["text"].split())


def extract(pages, processes):
    with multiprocessing.Pool(processes) as pool:
        return pool.map(extract_article, pages)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    pages = [("Ada Lovelace", " analyst of the engine "), ("Alan Turing", " computing machinery and intelligence "),
             ("Grace Hopper", " compilers ")]
    docs = extract(pages, args.processes)
    processor = WikipediaProcessor(num_processes=args.processes)
    counts = dict(processor(docs))
    print(f"RESULT=docs={len(counts)} words={sum(counts.values())}")
    return 0 if counts == {"ada_lovelace": 4, "alan_turing": 4, "grace_hopper": 1} else 3


if __name__ == "__main__":
    sys.exit(main())
