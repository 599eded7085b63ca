# family: start_method
# hazard: none
# line: none
# files: r28kit/parallel.py
# timeout: 25
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/allenai/dolma/issues/58 / https://github.com/allenai/dolma/pull/64 -- the fix the issue suggests (use a spawn context rather than set the global start method): the processor's pool comes from multiprocessing.get_context("spawn"), which works whatever the script did with multiprocessing before
"""Build the Wikipedia documents: extract the articles, then tag them with a dolma processor."""
import argparse
import multiprocessing
import sys

from r28kit.parallel import SpawnContextProcessor


def extract_article(page):
    """The wikiextractor step: one raw page to plain text."""
    title, body = page
    return {"id": title.lower().replace(" ", "_"), "text": body.strip()}


class WikipediaProcessor(SpawnContextProcessor):
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
