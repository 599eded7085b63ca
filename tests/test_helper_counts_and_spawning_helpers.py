"""Values that reach a library through helpers (fresh_libs9: multiview-stitcher #72, jac #5347, LlamaFactory #328).

- MP101 through another module's helper that starts processes with an explicit spawn method (dask's processes
  scheduler, an executor of a `get_context("spawn")` context) holds where the default is fork too: the children re-import the script.
- MP420: `uvicorn.run(app, workers=self.workers)` with `self.workers = resolve_workers(args.workers)`: the helper's
  return for the option's literal default is computed from its syntax tree (semantic/helper_values); unknown (a
  path through `os.cpu_count()`, a loop) or 1 stays silent.
- `Dataset.map(f, num_proc=data_args.num_workers)`, the field set from an option's default: a pool when that
  resolves to a constant above 1, else forgotten.
Near misses stay silent; the hazards are proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program, skip_without

from mpguard.semantic.helper_values import UNKNOWN, returned_for
from test_semantic_crossmodule import findings, project

# --- MP101 through a helper that spawns whatever the default

OVERLAP = '''
    import dask
    from dask import delayed


    def _area(a, b):
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))


    def _tasks(spans):
        pairs = [(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]]
        return [delayed(_area)(a, b) for a, b in pairs]


    def overlaps(spans):
        return sum(dask.compute(_tasks(spans), scheduler="processes")[0])


    def overlaps_threaded(spans):
        return sum(dask.compute(_tasks(spans), scheduler="threads")[0])
'''

SPAWN_POOL = '''
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor


    def _square(x):
        return x * x


    def squares(xs):
        with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
            return list(ex.map(_square, xs))
'''


def _script(call, guarded=False):
    body = f'print("RESULT=%s" % {call})'
    if guarded:
        body = 'if __name__ == "__main__":\n        ' + body
    return f'''
    from geo.overlap import overlaps, overlaps_threaded
    from geo.pools import squares

    SPANS = [(0, 4), (2, 6), (5, 9)]

    {body}
    '''


def _geo(tmp_path, script):
    return project(tmp_path, {"geo/__init__.py": "", "geo/overlap.py": OVERLAP, "geo/pools.py": SPAWN_POOL,
                              "main.py": script})


@pytest.mark.parametrize("call", ["overlaps(SPANS)", "sum(squares([1, 2, 3]))"])
def test_a_helper_that_spawns_is_a_bootstrap_error_under_fork_too(tmp_path, call):
    root = _geo(tmp_path, _script(call))
    (finding,) = findings(root / "main.py", "MP101")
    assert set(finding.start_methods) == {"fork", "spawn", "forkserver"}


@pytest.mark.parametrize("call, guarded", [("overlaps(SPANS)", True), ("overlaps_threaded(SPANS)", False)])
def test_near_misses_guarded_or_threads(tmp_path, call, guarded):
    root = _geo(tmp_path, _script(call, guarded))
    assert findings(root / "main.py", "MP101") == []


# --- MP420: the worker count a helper returns for an option's default

BOARD = '''
    import os


    class Board:
        async def __call__(self, scope, receive, send):
            pass


    def make_board():
        return Board()


    def pick_workers(value, cap=4):
        if value == "auto":
            value = (os.cpu_count() or 1) + 1
        return max(1, min(int(value), cap))
'''

SERVE = '''
    import argparse

    import uvicorn

    from boardkit.board import make_board, pick_workers


    class Serve:
        def __init__(self, args):
            self.args = args
            self.workers = pick_workers(args.workers)

        def run(self):
            board = make_board()
            uvicorn.run(board, host="127.0.0.1", port=0, workers=self.workers, log_level="warning")


    def main():
        ap = argparse.ArgumentParser()
        ap.add_argument("--workers", default={default})
        Serve(ap.parse_args()).run()


    if __name__ == "__main__":
        main()
'''


def _serve(tmp_path, default, board=BOARD):
    return project(tmp_path, {"boardkit/__init__.py": "", "boardkit/board.py": board,
                              "main.py": SERVE.replace("{default}", default)})


def test_a_worker_count_from_a_helper_of_an_option_default(tmp_path):
    (finding,) = findings(_serve(tmp_path, '"3"') / "main.py", "MP420")
    assert "worker processes" in finding.message


@pytest.mark.parametrize("default", ['"1"', '"auto"', "None"])
def test_near_misses_one_worker_or_unknown(tmp_path, default):
    assert findings(_serve(tmp_path, default) / "main.py", "MP420") == []


def test_near_miss_a_helper_with_a_loop(tmp_path):
    board = BOARD.replace(
        '''        return max(1, min(int(value), cap))''',
        '''        for _ in range(2):
            value = int(value) - 1
        return value''')
    assert findings(_serve(tmp_path, '"3"', board) / "main.py", "MP420") == []


def _def(text):
    return ast.parse(textwrap.dedent(text)).body[0]


def test_returned_for_computes_literals_only():
    pick = _def('''
        def pick(value, cap=4):
            """doc"""
            if value == "auto":
                value = cpu() + 1
            n = int(value)
            return max(1, min(n, cap)) if n else 1
    ''')
    assert returned_for(pick, ["3"]) == 3
    assert returned_for(pick, ["9"], {"cap": 2}) == 2
    assert returned_for(pick, ["auto"]) is UNKNOWN  # a call of another function on the path
    assert returned_for(pick, ["x"]) is UNKNOWN  # int("x") raises: unknown, not an answer
    assert returned_for(pick, ["3"], shadowed={"max"}) is UNKNOWN  # the module's own max
    assert returned_for(pick, []) is UNKNOWN  # a parameter without a literal


# --- datasets' num_proc from a dataclass field an option's default sets

TOKENIZE = '''
    import argparse
    from dataclasses import dataclass
    from typing import Optional

    from datasets import Dataset


    class Encoder:
        def __init__(self, vocab):
            self.vocab = dict(vocab)

        def encode(self, text):
            return [self.vocab.get(w, 0) for w in text.split()]

        def __reduce__(self):
            raise TypeError("cannot pickle 'Encoder' object")


    @dataclass
    class PrepArgs:
        max_len: int = 8
        workers: Optional[int] = None


    def prepare(ds, encoder, prep):
        def encode_batch(batch):
            return {"ids": [encoder.encode(t)[: prep.max_len] for t in batch["text"]]}

        return ds.map(encode_batch, batched=True, num_proc=prep.workers)


    def main():
        ap = argparse.ArgumentParser()
        ap.add_argument("--workers", type=int, default={default})
        args = ap.parse_args()
        prep = PrepArgs({given})
        ds = Dataset.from_list([{"text": "a b c"}, {"text": "b c"}, {"text": "c a"}, {"text": "a"}])
        out = prepare(ds, Encoder({"a": 1, "b": 2, "c": 3}), prep)
        print(f"RESULT={len(out)}:{sum(len(i) for i in out['ids'])}")


    if __name__ == "__main__":
        main()
'''


def _tokenize(default, given="workers=args.workers"):
    return TOKENIZE.replace("{default}", default).replace("{given}", given)


def test_num_proc_from_a_field_an_option_default_sets(tmp_path):
    (finding,) = findings(project(tmp_path, {"main.py": _tokenize("2")}) / "main.py", "MP201")
    assert "Encoder.__reduce__ only raises" in finding.message and "dill" in finding.message


@pytest.mark.parametrize("default, given", [("1", "workers=args.workers"), ("2", ""), ("None", "workers=args.workers")])
def test_near_misses_num_proc_in_the_parent(tmp_path, default, given):
    assert findings(project(tmp_path, {"main.py": _tokenize(default, given)}) / "main.py", "MP201") == []


# --- runtime

@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_spawning_helpers(tmp_path, method):
    skip_without("dask")
    cases = [
        (_script("overlaps(SPANS)"), True, ""),
        (_script("sum(squares([1, 2, 3]))"), True, ""),
        (_script("overlaps(SPANS)", guarded=True), False, "RESULT=3"),
        (_script("overlaps_threaded(SPANS)"), False, "RESULT=3"),
    ]
    for index, (script, fails, printed) in enumerate(cases):
        root = _geo(tmp_path / str(index), script)
        out = run_program(root / "main.py", method, timeout=120, cwd=root)
        assert_outcome(out, fails, ("bootstrapping phase", "BrokenProcessPool"), printed)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_uvicorn_helper_count(tmp_path, method):
    skip_without("uvicorn")
    root = _serve(tmp_path, '"3"')
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode != 0 and "import string" in out.stderr, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_num_proc(tmp_path, method):
    skip_without("datasets")
    for index, (default, given, fails) in enumerate([("2", "workers=args.workers", True), ("2", "", False)]):
        root = project(tmp_path / str(index), {"main.py": _tokenize(default, given)})
        out = run_program(root / "main.py", method, timeout=120, cwd=root)
        assert_outcome(out, fails, "cannot pickle 'Encoder' object", "RESULT=4:")
