# family: args
# hazard: unpicklable-argument
# line: 38 41
# files: r14kit/menu_server.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/firecat53/keepmenu/issues/181 -- "TypeError: cannot pickle 'weakref.ReferenceType' object" at dmenu.start() once Python 3.14 made forkserver the default: run() starts the Server process and then hands that started process object to the DmenuRunner process, whose pickling reaches the server's Popen finalizer (a weakref)
"""keepmenu-like launcher: start the background server, then the dmenu runner that serves requests
from the unlocked database."""
import argparse
import multiprocessing
import sys

from r14kit.menu_server import DmenuRunner, Server

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
