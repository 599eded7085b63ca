# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://agentbeck.bot/report/36416 -- the API base is set in every worker by the pool initializer (a helper module's configure()) before uploads run.
"""Uploader: pushes report files to an HTTP API (the request is simulated)."""
import argparse
import multiprocessing as mp
import sys

from rz5kit import settings


def upload(name):
    url = settings.endpoint("upload/" + name)
    return name, url


def parse(argv):
    cli = argparse.ArgumentParser()
    cli.add_argument("files", nargs="*", default=["a.csv", "b.csv", "c.csv"])
    cli.add_argument("--api-base", default="https://api.example.test")
    cli.add_argument("--workers", type=int, default=2)
    return cli.parse_args(argv)


def main(argv):
    args = parse(argv)
    settings.configure(args.api_base)
    pool_kwargs = {"initializer": settings.configure, "initargs": (args.api_base,)}
    with mp.Pool(args.workers, **pool_kwargs) as pool:
        sent = pool.map(upload, args.files)
    wrong = [url for _, url in sent if not url.startswith(args.api_base)]
    print("RESULT=" + ",".join(url for _, url in sent))
    return 3 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
