# family: results
# hazard: unpicklable-result
# line: 36 45
# files: l8kit/ldmapping.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/flairNLP/fundus/pull/655 -- CC-News crawling crashed with "cannot pickle lxml.etree._Element" because a parser's xpath_search made LinkedDataMapping cache an lxml element, and the Article holding the mapping is sent back from the crawler process; this program parses pages in a ProcessPoolExecutor whose parser runs an xpath_search before returning the Article
"""Parse crawled news pages in worker processes and collect the articles."""
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from l8kit.ldmapping import LinkedDataMapping

PAGES = {
    "https://news.example.test/a/%d" % i: json.dumps([
        {"@type": "NewsArticle", "headline": "Story %d" % i, "author": "Desk %d" % (i % 2)},
        {"@type": "Organization", "name": "Example News"},
    ])
    for i in range(4)
}


@dataclass
class Article:
    url: str
    title: str
    ld: LinkedDataMapping
    authors: list = field(default_factory=list)


def parse_page(url):
    ld = LinkedDataMapping(json.loads(PAGES[url]))
    authors = [item["author"] for group in ld.xpath_search("//ld[@type='NewsArticle']") for item in group]
    title = ld._ld_by_type["NewsArticle"][0]["headline"]
    return Article(url=url, title=title, ld=ld, authors=authors)


class CCNewsCrawler:
    def __init__(self, processes=2):
        self.processes = processes

    def crawl(self, urls):
        with ProcessPoolExecutor(max_workers=self.processes) as pool:
            yield from pool.map(parse_page, urls)


def main():
    articles = list(CCNewsCrawler(processes=2).crawl(sorted(PAGES)))
    with_authors = sum(1 for a in articles if a.authors)
    print("RESULT=%d" % with_authors)
    return 0 if with_authors == len(PAGES) else 3


if __name__ == "__main__":
    sys.exit(main())
