# family: returns
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of the re.Match result (shape of https://github.com/dask/distributed/issues/4464): the helper keeps `match.groupdict()` (a plain dict of strings) instead of the match, and the compiled pattern stays a module global that every worker has; results pickle under every start method.
"""Extract page titles from a folder of saved pages.

Usage: titles.py [--workers N]
"""
import argparse
import multiprocessing
import os
import re
import sys
import tempfile

TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.I | re.S)


def page_info(name, html):
    info = {"page": name, "bytes": len(html)}
    match = TITLE.search(html)
    info["title_match"] = match.groupdict() if match else {"title": ""}
    return info


def scrape(path):
    with open(path, encoding="utf-8") as fh:
        html = fh.read()
    return page_info(os.path.basename(path), html)


def save_pages(folder):
    paths = []
    for i, title in enumerate(["Home", "About us", "Prices"]):
        p = os.path.join(folder, f"page{i}.html")
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(f"<html><head><title>{title}</title></head><body>{'x' * i}</body></html>")
        paths.append(p)
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = save_pages(tmp)
        with multiprocessing.Pool(args.workers) as pool:
            infos = pool.map(scrape, paths)
    titles = [i["title_match"]["title"] for i in infos]
    print("RESULT=" + ",".join(titles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
