"""The defaults of a program's settings as values (semantic/cli_args.py): argparse's `default=` (and
store_true / store_false), an environment variable's default, and `==` / `!=` between such constants.
They decide `uvicorn.run(app, workers=..., reload=...)` (MP420; the fresh_libs corpus runs both programs
under fork, spawn and forkserver: uvicorn refuses the object and exits with status 3)."""
import pytest

from helpers import codes, rows

ARGPARSE = """
import argparse
import uvicorn

async def app(scope, receive, send):
    pass

def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    group = parser.add_argument_group("server")
    group.add_argument("--host", default="127.0.0.1")
    {option}
    return parser.parse_args(argv)

def serve(argv=None):
    args = parse_args(argv)
    uvicorn.run(app, host=args.host, {keyword})

if __name__ == "__main__":
    serve([])
"""


@pytest.mark.parametrize("option, keyword", [
    ('parser.add_argument("--workers", type=int, default=4)', "workers=args.workers"),
    ('parser.add_argument("-w", "--num-workers", type=int, default="3")', "workers=args.num_workers"),
    ('parser.add_argument("--jobs", dest="count", default=2)', "workers=args.count"),
    ('parser.add_argument("--static", action="store_false", dest="reload")', "reload=args.reload"),
])
def test_an_argparse_default_reaches_the_server(option, keyword):
    src = ARGPARSE.replace("{option}", option).replace("{keyword}", keyword)
    assert rows(src, "MP420") == [17]


@pytest.mark.parametrize("option, keyword", [
    ('parser.add_argument("--workers", type=int, default=1)', "workers=args.workers"),
    ('parser.add_argument("--workers", type=int)', "workers=args.workers"),
    ('parser.add_argument("--reload", action="store_true")', "reload=args.reload"),
    ('parser.add_argument("--workers", type=int, default=4)', "workers=args.threads"),
])
def test_a_default_that_runs_one_process_or_an_unknown_value_is_fine(option, keyword):
    assert codes(ARGPARSE.replace("{option}", option).replace("{keyword}", keyword)) == set()


ENVIRON = """
import os
import uvicorn

async def app(scope, receive, send):
    pass

def settings():
    return {"host": os.environ.get("HOST", "127.0.0.1"), "reload": os.environ.get("RELOAD", "{default}") == "1"}

if __name__ == "__main__":
    conf = settings()
    uvicorn.run(app, host=conf["host"], reload=conf["reload"])
"""


def test_an_environment_default_compared_with_a_constant_reaches_the_server():
    assert rows(ENVIRON.replace("{default}", "1"), "MP420") == [13]
    assert codes(ENVIRON.replace("{default}", "0")) == set()
    assert codes(ENVIRON.replace('os.environ.get("RELOAD", "{default}")', 'os.environ["RELOAD"]')) == set()


def test_a_constant_key_of_what_a_parameter_holds_is_looked_up_in_what_the_callers_pass():
    """`cfg["reload"]` in a function whose callers pass a dict literal."""
    src = """
import uvicorn

async def app(scope, receive, send):
    pass

def serve(cfg):
    uvicorn.run(app, reload=cfg["reload"], workers=cfg["workers"])

if __name__ == "__main__":
    serve({"reload": False, "workers": WORKERS})
"""
    assert rows(src.replace("WORKERS", "2"), "MP420") == [8]
    assert codes(src.replace("WORKERS", "1")) == set()


LITERAL_ARGV = """
import argparse
import uvicorn

async def app(scope, receive, send):
    pass

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("-w", "--workers", type=int, default=1)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args({argv})
    uvicorn.run(app, workers=args.workers, reload=args.reload)
"""


def test_a_literal_argument_list_is_parsed():
    for argv in ('["--workers", "4"]', '["-w=3"]', '["--reload"]'):
        assert rows(LITERAL_ARGV.replace("{argv}", argv), "MP420") == [13], argv
    for argv in ("[]", '["--workers", "1"]', "None"):
        assert codes(LITERAL_ARGV.replace("{argv}", argv)) == set(), argv


def test_a_constant_test_chooses_its_branch():
    """`NetMap(a.ipa) if a.ipa else None` with `ipa` at its "" default builds no NetMap (copyparty#113's
    working configuration, tests/corpus/fresh_reports3)."""
    src = """
import argparse
import multiprocessing as mp
import threading

class NetMap:
    def __init__(self, cidrs):
        self.mutex = threading.Lock()

def worker(args):
    print(args.nm)

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ipa", default="")
    args = parser.parse_args(ARGV)
    args.nm = NetMap(args.ipa) if args.ipa else None
    p = mp.get_context("spawn").Process(target=worker, args=(args,))
    p.start()
    p.join()
"""
    assert codes(src.replace("ARGV", "[]")) == set()
    assert rows(src.replace("ARGV", '["--ipa", "10.0.0.0/8"]'), "MP203") == [18]


NETMAP = '''
import argparse
import multiprocessing as mp
import threading


class NetMap:
    def __init__(self, cidrs):
        self.mutex = threading.Lock()


def parse_args(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ipa", default="")
    args = ap.parse_args(argv)
    args.ipa_nm = NetMap(args.ipa) if args.ipa else None
    return args


def worker(args):
    return bool(args.ipa_nm)


if __name__ == "__main__":
    args = CALL
    proc = mp.get_context("spawn").Process(target=worker, args=(args,))
    proc.start()
    proc.join()
'''


@pytest.mark.parametrize("call, flagged", [
    ('parse_args(["--ipa", "10.89.0.0/16"])', True),  # copyparty #113: the caller's literal argv sets --ipa
    ("parse_args()", False),  # sys.argv: what runs when nobody passes an option (the default "")
    ('parse_args(["-v"]) if False else parse_args(["--ipa", "10.0.0.0/8"])', True),
])
def test_parse_args_of_a_parameter_reads_what_the_callers_pass(call, flagged):
    """fresh_reports3 object_copyparty_ipa_netmap_lock: `ap.parse_args(argv)` in a helper the script calls with a
    literal list; the option it gives decides whether the namespace keeps a NetMap holding a lock."""
    from mpguard.linter.analyze import analyze

    codes = [f.code for f in analyze(NETMAP.replace("CALL", call), "case.py").findings]
    assert codes == (["MP203"] if flagged else [])
