# family: callable
# hazard: unpicklable-callable
# line: 50
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/cozygene/SLIViT/issues/2 -- a parser built by a factory (a closure) wrapped in functools.partial and mapped over pages by a process pool.
"""Scraper post-processing: count words on downloaded pages with several workers."""
import argparse
import functools
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

PAGES = {
    "index.html": "<h1>Welcome</h1> latest news and more news",
    "about.html": "<p>about the team</p>",
    "jobs.html": "<ul><li>engineer</li><li>designer</li></ul>",
}


def save_pages(root):
    paths = []
    for name, body in PAGES.items():
        path = os.path.join(root, name)
        with open(path, "w") as fh:
            fh.write(body)
        paths.append(path)
    return paths


def make_parser(strip_tags):
    def parse(path, encoding):
        with open(path, encoding=encoding) as fh:
            text = fh.read()
        if strip_tags:
            for tag in ("<h1>", "</h1>", "<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>"):
                text = text.replace(tag, " ")
        return len(text.split())
    return parse


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--encoding", default="utf-8")
    cli.add_argument("--keep-tags", action="store_true")
    args = cli.parse_args()
    root = tempfile.mkdtemp(prefix="pages")
    paths = save_pages(root)
    parse = functools.partial(make_parser(not args.keep_tags), encoding=args.encoding)
    with ProcessPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(parse, paths))
    print("RESULT=" + str(sum(counts)))
    return 0 if sum(counts) == 11 else 3


if __name__ == "__main__":
    raise SystemExit(main())
