"""Values whose path crosses another project module (issue 12), each proven under fork, spawn and forkserver:

- a registry filled at the import of another module (a decorating or calling registrar storing functions and
  lambdas under keys), read by a helper of a third module under the key its caller gives (fresh_realistic2
  photolab: `apply_filter(args.filter, ...)` taking the lambda registered as "threshold");
- a property or field of another module's class that gives back its constructor's argument (fresh_reports16
  amici1961: `DEModel(spec, simplify=simplify).simplify`, the lambda default of the caller's parameter);
- a context given as a parameter, whose `.Process(...)` a helper of another module makes (fresh_reports16
  sherpa998: `parallel_map(fdJac, ..., context)` with `context = parallel.context_for("default")`).

Near misses stay silent: a key whose item pickles, a key no module registers, a key read at run time, a plugin
module nobody imports, a registration made in a function; the constructor left to its default, a function of the
module given; a fork context, no context at all."""
import re
import textwrap

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

# --- a registry filled at the import of another module ------------------------------------------------------

CATALOG = """
    CODECS = {}


    def codec(key):
        def wrap(func):
            CODECS[key] = func
            return func
        return wrap


    def install(key, func):
        CODECS[key] = func


    def lookup(key):
        return CODECS[key]
"""

BUILTIN = """
    from codecs_kit.catalog import codec, install


    @codec("upper")
    def upper(text):
        return text.upper()


    def _strip(text):
        return text.strip()


    install("strip", _strip)
"""

EXTRA = """
    from codecs_kit import catalog

    catalog.install("reverse", lambda text: text[::-1])
"""

RUNNER = """
    from concurrent.futures import ProcessPoolExecutor

    import codecs_kit.builtin  # noqa: F401
    from codecs_kit import catalog


    def encode_all(kind, texts):
        encoder = catalog.lookup(kind)
        with ProcessPoolExecutor(max_workers=2) as pool:
            return list(pool.map(encoder, texts))
"""

ENCODE = """
    import sys

    import codecs_kit.extra  # noqa: F401
    from codecs_kit.runner import encode_all

    KIND = "reverse"


    def main():
        print("RESULT=" + ",".join(encode_all(KIND, ["ab", " cd "])))


    if __name__ == "__main__":
        main()
"""


def row(text: str, snippet: str) -> int:
    """The row of the first line of `text` (as `project` writes it) that holds `snippet`."""
    return next(n for n, line in enumerate(textwrap.dedent(text).splitlines(), 1) if snippet in line)


def codecs_project(base, main=ENCODE, extra=EXTRA):
    return project(base, {"codecs_kit/__init__.py": "", "codecs_kit/catalog.py": CATALOG,
                          "codecs_kit/builtin.py": BUILTIN, "codecs_kit/extra.py": extra,
                          "codecs_kit/runner.py": RUNNER, "main.py": main})


def test_a_lambda_registered_by_a_plugin_the_script_imports(tmp_path):
    root = codecs_project(tmp_path)
    (finding,) = findings(root / "main.py", "MP201")
    assert finding.start.row == row(ENCODE, "encode_all(KIND")
    assert "registered as 'reverse' by codecs_kit.extra" in finding.message
    # pickle's words name the lambda's own module: "... on codecs_kit.extra failed" up to 3.13,
    # "it's not found as codecs_kit.extra.<lambda>" from 3.14
    assert re.search(r"(on|as) codecs_kit\.extra\b", finding.message)
    site = finding.related_file
    assert site is not None and site.path.endswith("runner.py") and site.line == row(RUNNER, "pool.map")


@pytest.mark.parametrize("main, extra", [
    (ENCODE.replace('"reverse"', '"upper"'), EXTRA),  # a decorated def: pickled by name
    (ENCODE.replace('"reverse"', '"strip"'), EXTRA),  # a module function installed by a call
    (ENCODE.replace('"reverse"', '"missing"'), EXTRA),  # never registered: a KeyError, nothing crosses
    (ENCODE.replace('KIND = "reverse"', 'KIND = sys.argv[1] if len(sys.argv) > 1 else "upper"'), EXTRA),
    (ENCODE.replace("import codecs_kit.extra  # noqa: F401\n", ""), EXTRA),  # the plugin is not imported
    (ENCODE, EXTRA.replace('catalog.install(', 'def load():\n    catalog.install(')),  # registered in a function
], ids=["decorated", "installed-function", "never-registered", "argv", "plugin-not-imported", "in-a-function"])
def test_registry_near_misses(tmp_path, main, extra):
    root = codecs_project(tmp_path, main, extra)
    assert findings(root / "main.py", "MP201") == [] and findings(root / "main.py", "MP203") == []


PHOTO_HELPER = """
    import multiprocessing

    import codecs_kit.builtin  # noqa: F401
    import codecs_kit.extra  # noqa: F401
    from codecs_kit import catalog


    def _run(fn, text):
        return fn(text)


    def convert(name, texts):
        fn = catalog.lookup(name)
        with multiprocessing.Pool(2) as pool:
            return pool.starmap(_run, [(fn, t) for t in texts])
"""

PHOTO_MAIN = """
    import argparse

    from codecs_kit.convert import convert


    def main():
        parser = argparse.ArgumentParser()
        parser.add_argument("--codec", default="reverse")
        args = parser.parse_args()
        print("RESULT=" + ",".join(convert(args.codec, ["ab", "cd"])))


    if __name__ == "__main__":
        main()
"""


def test_an_argparse_key_into_a_registry_read_by_a_helper_as_a_task_argument(tmp_path):
    root = codecs_project(tmp_path, PHOTO_MAIN)
    (root / "codecs_kit/convert.py").write_text(textwrap.dedent(PHOTO_HELPER))
    (finding,) = findings(root / "main.py", "MP201")
    assert finding.start.row == row(PHOTO_MAIN, "convert(args") and "pool task argument" in finding.message
    (root / "main.py").write_text(textwrap.dedent(PHOTO_MAIN.replace('"reverse"', '"upper"')))
    assert findings(root / "main.py", "MP201") == []


# --- a property of another module's class that gives back its constructor's argument ------------------------

MODELS = """
    def _identity(value):
        return value


    class Stage:
        def __init__(self, name, *, step=None):
            self.name = name
            self._step = step if step is not None else _identity

        @property
        def step(self):
            return self._step


    class Scorer:
        def __init__(self, weights, transform=None):
            self.weights = weights
            self.transform = transform or _identity
"""

STAGES = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from shapes_kit.models import Scorer, Stage


    def _score(transform, value):
        return transform(value) * 2


    def run_stage(values, step=lambda v: v + 1):
        stage = Stage("bump", step=step)
        with ProcessPoolExecutor(max_workers=2) as pool:
            return list(pool.map(stage.step, values))


    def run_scorer(values, transform):
        scorer = Scorer([1.0], transform=transform)
        with multiprocessing.Pool(2) as pool:
            return pool.starmap(_score, [(scorer.transform, v) for v in values])


    def main():
        print("RESULT=%s" % (run_stage([1, 2]) + run_scorer([3], lambda v: -v)))


    if __name__ == "__main__":
        main()
"""


def shapes_project(base, main=STAGES):
    return project(base, {"shapes_kit/__init__.py": "", "shapes_kit/models.py": MODELS, "main.py": main})


def test_a_property_and_a_field_that_give_back_the_constructors_argument(tmp_path):
    root = shapes_project(tmp_path)
    found = {f.start.row: f for f in findings(root / "main.py", "MP201")}
    stage, scorer = row(STAGES, "pool.map(stage.step"), row(STAGES, "pool.starmap(_score")
    assert set(found) == {stage, scorer}
    assert "`.step` of a Stage from shapes_kit.models gives back: its argument `step`" in found[stage].message
    assert "`.transform` of a Scorer" in found[scorer].message


def _fine(text):
    return text.replace("step=lambda v: v + 1", "step=abs").replace("lambda v: -v", "abs")


@pytest.mark.parametrize("main", [
    _fine(STAGES),
    STAGES.replace('Stage("bump", step=step)', 'Stage("bump")').replace(
        "Scorer([1.0], transform=transform)", "Scorer([1.0])"),  # the constructor's default: a module function
], ids=["functions", "defaults"])
def test_kept_argument_near_misses(tmp_path, main):
    root = shapes_project(tmp_path, main)
    assert findings(root / "main.py", "MP201") == []


# --- a context given as a parameter ------------------------------------------------------------------------

PMAP = """
    import multiprocessing as mp


    def choose(kind):
        if kind == "fork":
            return mp.get_context("fork")
        if kind == "platform":
            return mp.get_context()
        return None


    def run_each(fn, items, ctx=None):
        if ctx is None:
            return []
        queue = ctx.SimpleQueue()
        workers = [ctx.Process(target=fn, args=(item, queue)) for item in items]
        for worker in workers:
            worker.start()
        out = sorted(queue.get() for _ in workers)
        for worker in workers:
            worker.join()
        return out
"""

SOLVE = """
    from fitkit import pmap

    MODE = {"start": "platform"}


    def solve(xs, offset):
        def shifted(x, queue):
            queue.put(x + offset)
        return pmap.run_each(shifted, xs, pmap.choose(MODE["start"]))


    if __name__ == "__main__":
        print("RESULT=%s" % solve([1, 2], 3))
"""

SAME_MODULE_CONTEXT = """
    import multiprocessing


    def worker(f, idx, out_q):
        out_q.put((idx, f(idx)))


    def parallel_map(function, n, context=None):
        if context is None:
            return [function(i) for i in range(n)]
        q = context.Queue()
        procs = [context.Process(target=worker, args=(function, i, q)) for i in range(n)]
        for p in procs:
            p.start()
        out = sorted(q.get() for _ in procs)
        for p in procs:
            p.join()
        return out


    def fit(scale, context=None):
        def jac(i):
            return i * scale
        return parallel_map(jac, 3, context)


    def main():
        print("RESULT=%s" % fit(2.0, context=multiprocessing.get_context()))


    if __name__ == "__main__":
        main()
"""


def fit_project(base, main=SOLVE):
    return project(base, {"fitkit/__init__.py": "", "fitkit/pmap.py": PMAP, "main.py": main})


def test_a_helpers_context_parameter_given_the_default_context_through_another_helper(tmp_path):
    root = fit_project(tmp_path)
    (finding,) = findings(root / "main.py", "MP201")
    assert finding.start.row == row(SOLVE, "return pmap.run_each") and "nested function 'shifted'" in finding.message
    assert finding.start_methods == frozenset({"spawn", "forkserver"})
    site = finding.related_file
    assert site is not None and site.path.endswith("pmap.py") and site.line == row(PMAP, "ctx.Process(")


@pytest.mark.parametrize("mode", ["fork", "serial"])
def test_context_parameter_near_misses(tmp_path, mode):
    root = fit_project(tmp_path, SOLVE.replace('"platform"', f'"{mode}"'))
    assert findings(root / "main.py", "MP201") == []


def test_a_context_parameter_in_one_module(tmp_path):
    root = project(tmp_path, {"same.py": SAME_MODULE_CONTEXT})
    found = findings(root / "same.py", "MP201")
    assert found and all(f.start_methods == frozenset({"spawn", "forkserver"}) for f in found)
    fork = SAME_MODULE_CONTEXT.replace("multiprocessing.get_context()", 'multiprocessing.get_context("fork")')
    root = project(tmp_path / "fork", {"same.py": fork})
    assert findings(root / "same.py", "MP201") == []


PIPE_TO_FORKSERVER = """
    import multiprocessing


    def child(conn):
        conn.send("hi")


    if __name__ == "__main__":
        here, there = multiprocessing.Pipe()
        ctx = multiprocessing.get_context("forkserver")
        p = ctx.Process(target=child, args=(there,))
        p.start()
        print("RESULT=" + here.recv())
        p.join()
"""


def test_a_pipe_end_of_the_default_context_given_to_a_forkserver_process_holds_no_semlock(tmp_path):
    # (pymc's sampler: `multiprocessing.Pipe()` handed to `mp_ctx.Process(...)`, seen once the context parameter
    # is followed: a Connection pickles as a descriptor duplicated for the child, whatever its context)
    root = project(tmp_path, {"pipe.py": PIPE_TO_FORKSERVER})
    assert findings(root / "pipe.py", "MP205") == []


# --- at run time --------------------------------------------------------------------------------------------

REFUSED = ("Can't pickle", "Can't get local object", "PicklingError", "not found as", "BrokenProcessPool")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    runs = []  # (folder, program, fails)
    codecs = codecs_project(tmp_path / "codecs")
    fine = codecs_project(tmp_path / "codecs_ok", ENCODE.replace('"reverse"', '"upper"'))
    (codecs / "codecs_kit/convert.py").write_text(textwrap.dedent(PHOTO_HELPER))
    (codecs / "photo.py").write_text(textwrap.dedent(PHOTO_MAIN))
    (fine / "codecs_kit/convert.py").write_text(textwrap.dedent(PHOTO_HELPER))
    (fine / "photo.py").write_text(textwrap.dedent(PHOTO_MAIN.replace('"reverse"', '"upper"')))
    runs += [(codecs, "main.py", True), (codecs, "photo.py", True), (fine, "main.py", False), (fine, "photo.py", False)]
    shapes = shapes_project(tmp_path / "shapes")
    shapes_ok = shapes_project(tmp_path / "shapes_ok", _fine(STAGES))
    runs += [(shapes, "main.py", True), (shapes_ok, "main.py", False)]
    fit = fit_project(tmp_path / "fit")
    fit_fork = fit_project(tmp_path / "fit_fork", SOLVE.replace('"platform"', '"fork"'))
    same = project(tmp_path / "same", {"same.py": SAME_MODULE_CONTEXT})
    runs += [(fit, "main.py", method != "fork"), (fit_fork, "main.py", False), (same, "same.py", method != "fork")]
    pipe = project(tmp_path / "pipe", {"pipe.py": PIPE_TO_FORKSERVER})
    runs += [(pipe, "pipe.py", False)]
    for base, name, fails in runs:
        out = run_program(base / name, method, timeout=60, cwd=base)
        if fails:
            assert out.returncode != 0 and any(w in out.stderr for w in REFUSED), (base, name, out.stderr)
        else:
            assert out.returncode == 0 and "RESULT=" in out.stdout, (base, name, out.stderr)
