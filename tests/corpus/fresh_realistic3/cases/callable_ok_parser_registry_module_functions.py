# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rmax/scrapy-redis/issues/178 (the maintainer's answer: use a method or a module-level function instead of a lambda; the registry maps names to module-level parsers looked up with getattr)
import argparse
import multiprocessing
import re
import sys

PAGES = [
    "<html><title>Alpha</title><a href='/a'>a</a></html>",
    "<html><title>Beta</title><a href='/b'>b</a><a href='/c'>c</a></html>",
    "<html><title>Gamma</title></html>",
]
TITLE_RE = re.compile(r"<title>(.*?)</title>")


def parse_title(html):
    return TITLE_RE.search(html).group(1)


def parse_links(html):
    return len(re.findall(r"href='([^']+)'", html))


def make_config(kind, workers):
    module = sys.modules[__name__]
    return {"kind": kind, "workers": workers, "parser": getattr(module, "parse_" + kind)}


def crawl(config, pages):
    parse = config["parser"]
    with multiprocessing.Pool(config["workers"]) as pool:
        return pool.map(parse, pages)


def main(argv=None):
    ap = argparse.ArgumentParser(description="extract one field from every page")
    ap.add_argument("--kind", default="title", choices=["title", "links"])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    config = make_config(args.kind, args.workers)
    found = crawl(config, PAGES)
    print("RESULT=" + ",".join(str(x) for x in found))
    if found != ["Alpha", "Beta", "Gamma"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
