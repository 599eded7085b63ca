# family: results
# hazard: none
# line: none
# files: l27kit/__init__.py l27kit/docparser.py l27kit/docparser_plain.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/andresriancho/w3af/issues/8748 -- near miss: the working variant the thread's debugging points to (the error comes from what the parser object keeps, not from the parsing): the pool task returns only the data the crawl uses (references, forms, e-mails) as a dataclass of plain lists, and the lxml tree stays in the worker
"""Crawl a site breadth-first, parsing each response in a process pool, and list links, forms and e-mails."""
import argparse
from collections import deque
from dataclasses import dataclass, field
from multiprocessing import Pool

from l27kit.docparser import fetch
from l27kit.docparser_plain import parse_to_data


def parse_response(url, body):
    return parse_to_data(url, body)


@dataclass
class CrawlState:
    seen: set = field(default_factory=set)
    forms: list = field(default_factory=list)
    emails: set = field(default_factory=set)


class ParserCache:
    def __init__(self, processes=2, timeout=10):
        self.pool = Pool(processes)
        self.timeout = timeout

    def close(self):
        self.pool.close()
        self.pool.join()

    def get_document_parser_for(self, url, body):
        job = self.pool.apply_async(parse_response, (url, body))
        return job.get(timeout=self.timeout)


def crawl(start, cache, limit=10):
    state = CrawlState()
    todo = deque([start])
    while todo and len(state.seen) < limit:
        url = todo.popleft()
        if url in state.seen:
            continue
        state.seen.add(url)
        parser = cache.get_document_parser_for(url, fetch(url))
        state.forms.extend(parser.forms)
        state.emails.update(parser.emails)
        todo.extend(ref for ref in parser.references if ref not in state.seen)
    return state


def main():
    argp = argparse.ArgumentParser(description=__doc__)
    argp.add_argument("--start", default="http://target.test/")
    argp.add_argument("--processes", type=int, default=2)
    args = argp.parse_args()
    cache = ParserCache(args.processes)
    try:
        state = crawl(args.start, cache)
    finally:
        cache.close()
    for method, action, fields in state.forms:
        print(method, action, ",".join(fields))
    print(f"RESULT={len(state.seen)}:{len(state.forms)}:{len(state.emails)}")


if __name__ == "__main__":
    main()
