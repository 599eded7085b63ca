# family: callable
# hazard: unpicklable-callable
# line: 34
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/rmax/scrapy-redis/issues/178 (a crawler whose callbacks are lambdas built in a method; here a parser registry of lambdas picked through a config dict and mapped over pages by a Pool)
import argparse
import multiprocessing
import re
import sys

PAGES = [
    "<html><title>Alpha</title><a href='/a'>a</a></html>",
    "<html><title>Beta</title><a href='/b'>b</a><a href='/c'>c</a></html>",
    "<html><title>Gamma</title></html>",
]


def build_parsers():
    title_re = re.compile(r"<title>(.*?)</title>")
    return {
        "title": lambda html: title_re.search(html).group(1),
        "links": lambda html: len(re.findall(r"href='([^']+)'", html)),
    }


def make_config(kind, workers):
    parsers = build_parsers()
    return {"kind": kind, "workers": workers, "parser": parsers[kind]}


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
