# family: args
# hazard: none
# line: none
# files: r14kit/menu_server.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/firecat53/keepmenu/issues/180 -- the fix the maintainer released for this traceback ("Fix Python 3.14 compatibility. Closes #180", the same dmenu.start() failure reported again in #181): __main__ calls multiprocessing.set_start_method('fork') at import, so the runner inherits the started server instead of pickling it
"""keepmenu-like launcher: start the background server, then the dmenu runner that serves requests
from the unlocked database."""
import argparse
import multiprocessing
import sys

from r14kit.menu_server import DmenuRunner, Server

# Python 3.14 changes the default to 'forkserver' on Linux.
# Set to 'fork' for backward compatibility.
multiprocessing.set_start_method('fork')

DATABASE = {
    "github": {"username": "octo", "password": "pw1"},
    "mail": {"username": "me@example.org", "password": "pw2"},
    "bank": {"username": "acct-0042", "password": "pw3"},
}


def drain(results, n):
    got = []
    for _ in range(n):
        try:
            got.append(results.get(timeout=10))
        except Exception:
            break
    return got


def run(requests, **kwargs):
    """Start the background Manager and Dmenu runner processes."""
    results = multiprocessing.Queue()
    server = Server()
    if kwargs.get('totp'):
        server.totp_flag.set()
    dmenu = DmenuRunner(server, DATABASE, requests, results, **kwargs)
    dmenu.daemon = True
    server.start()
    dmenu.start()
    answers = drain(results, len(requests))
    server.join()
    return answers


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="keepmenu")
    parser.add_argument("queries", nargs="*", default=["github", "bank", "wiki"])
    parser.add_argument("-t", "--totp", action="store_true")
    args = parser.parse_args(argv)
    answers = run(args.queries, totp=args.totp)
    found = sorted(user for _, user in answers if user)
    print(f"RESULT={len(answers)}:{','.join(found)}")
    return 0 if found == ["acct-0042", "octo"] and len(answers) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
