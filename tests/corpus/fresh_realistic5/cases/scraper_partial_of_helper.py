# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cozygene/SLIViT/issues/2 -- the fix: a partial of a module-level parser function with keyword options.
"""Scraper post-processing: count words on downloaded pages with several workers."""
import argparse
import functools
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

from rz5kit.parsing import parse_page

PAGES = {
    "index.html": "Welcome latest news and more news",
    "about.html": "about the team",
    "jobs.html": "engineer designer",
}


def save_pages(root):
    paths = []
    for name, body in PAGES.items():
        path = os.path.join(root, name)
        with open(path, "w") as fh:
            fh.write(body)
        paths.append(path)
    return paths


def read_text(path):
    with open(path) as fh:
        return fh.read()


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--encoding", default="utf-8")
    cli.add_argument("--strict", action="store_true")
    args = cli.parse_args()
    root = tempfile.mkdtemp(prefix="pages")
    texts = [read_text(p) for p in save_pages(root)]
    parse = functools.partial(parse_page, encoding=args.encoding, strict=args.strict)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parsed = list(pool.map(parse, texts))
    total = sum(item["words"] for item in parsed)
    print("RESULT=" + str(total))
    return 0 if total == 11 else 3


if __name__ == "__main__":
    raise SystemExit(main())
