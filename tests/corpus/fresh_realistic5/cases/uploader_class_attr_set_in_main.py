# family: globals
# hazard: parent-state-not-inherited
# line: 36
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://agentbeck.bot/report/36416 -- the CLI stores --api-base on a class attribute in main(); upload workers read the class attribute.
"""Uploader: pushes report files to an HTTP API (the request is simulated)."""
import argparse
import multiprocessing as mp
import sys


class Endpoint:
    base = "https://default.invalid"
    timeout = 10

    @classmethod
    def url_for(cls, name):
        return f"{cls.base}/upload/{name}"


def upload(name):
    url = Endpoint.url_for(name)
    return name, url


def parse(argv):
    cli = argparse.ArgumentParser()
    cli.add_argument("files", nargs="*", default=["a.csv", "b.csv", "c.csv"])
    cli.add_argument("--api-base", default="https://api.example.test")
    cli.add_argument("--timeout", type=int, default=30)
    return cli.parse_args(argv)


def main(argv):
    args = parse(argv)
    Endpoint.base = args.api_base
    Endpoint.timeout = args.timeout
    with mp.Pool(2) as pool:
        sent = pool.map(upload, args.files)
    wrong = [url for _, url in sent if not url.startswith(args.api_base)]
    print("RESULT=" + ",".join(url for _, url in sent))
    return 3 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
