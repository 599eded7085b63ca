"""A structlog logger made by `.bind(...)` pickles the processors and the logger that the module's
`structlog.configure(...)` set (data/boundaries.json `configured_objects`, semantic/configured_objects.py):
`KeyValueRenderer(key_order=[...])` keeps a local function (structlog #126, fresh_libs5
structlog_key_order_renderer_in_self), a lambda processor is refused by pickle, and a `WriteLoggerFactory(file=...)`
logger pickles only for sys.stdout or sys.stderr (structlog #301). The lazy proxy `structlog.get_logger()` pickles
whatever the configuration.

Near misses: `KeyValueRenderer()` without key_order, JSONRenderer, a WriteLoggerFactory on sys.stderr, the unbound
proxy, settings given as `**options` (not followed). Static answers on source strings; the same programs run under
fork, spawn and forkserver (skipped when structlog is not installed; the test process never imports it)."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

PROGRAM = """
import multiprocessing
import os
import sys
import tempfile

import structlog

CONFIGURE


def work(log):
    return 1


if __name__ == "__main__":
    log = MAKE
    with multiprocessing.Pool(1) as pool:
        print("RESULT=%s" % pool.apply(work, (log,)))
"""

KEY_ORDER = 'structlog.configure(processors=[structlog.processors.KeyValueRenderer(key_order=["event"])])'
LOG_FILE = 'LOG = open(os.path.join(tempfile.mkdtemp(), "run.log"), "a")\n'
BOUND = 'structlog.get_logger("x").bind(service="s")'
EVERY = {"fork", "spawn", "forkserver"}

# name -> (configure, how the logger is made, code, error)
CASES = {
    "key_order_bound": (KEY_ORDER, BOUND, "MP203", "_items_sorter.<locals>.ordered_items"),
    "key_order_new": (KEY_ORDER, 'structlog.get_logger().new(user="u")', "MP203",
                      "_items_sorter.<locals>.ordered_items"),
    "lambda_processor": ("structlog.configure(processors=[lambda logger, name, event: event['event']])", BOUND,
                         "MP203", "attribute lookup <lambda>"),
    "write_logger_file": (LOG_FILE + "structlog.configure(logger_factory=structlog.WriteLoggerFactory(file=LOG))",
                          BOUND, "MP203", "Only WriteLoggers to sys.stdout and sys.stderr can be pickled"),
    "print_logger_file": (LOG_FILE + "structlog.configure(logger_factory=structlog.PrintLoggerFactory(LOG))",
                          BOUND, "MP203", "Only PrintLoggers to sys.stdout and sys.stderr can be pickled"),
    # near misses
    "key_value_plain": ("structlog.configure(processors=[structlog.processors.KeyValueRenderer()])", BOUND, None, None),
    "json_renderer": ("structlog.configure(processors=[structlog.processors.TimeStamper(fmt='iso'), "
                      "structlog.processors.JSONRenderer()])", BOUND, None, None),
    "write_logger_stderr": ("structlog.configure(logger_factory=structlog.WriteLoggerFactory(file=sys.stderr))",
                            BOUND, None, None),
    "key_order_proxy": (KEY_ORDER, 'structlog.get_logger("x")', None, None),
    "options_not_followed": ("OPTIONS = {'processors': [structlog.processors.KeyValueRenderer()]}\n"
                             "structlog.configure(**OPTIONS)", BOUND, None, None),
}


def program(name: str) -> str:
    configure, make, _code, _error = CASES[name]
    return textwrap.dedent(PROGRAM).replace("CONFIGURE", configure).replace("MAKE", make)


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    code = CASES[name][2]
    for other in ("MP201", "MP203"):
        assert len(found(program(name), other)) == (1 if other == code else 0), (other, program(name))
    if code is not None:
        assert "a structlog logger configured with" in found(program(name), code)[0].message


def test_message_names_the_processor():
    (finding,) = found(program("key_order_bound"), "MP203")
    assert "configured with `KeyValueRenderer(key_order=...)` (its `processors`, line 9)" in finding.message, \
        finding.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("structlog")
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    assert_outcome(out, CASES[name][2] is not None, CASES[name][3], "RESULT=1")


# The configuration in another project module: `kit/logs.py` configures structlog and returns
# `structlog.get_logger(name)`; the script binds it (structlog #301, fresh_libs5 structlog_file_logger_in_self).
# That module's summary keeps what `.bind()` of its result gives (`ModuleSummary.bound`).
KIT = """
import os
import sys
import tempfile

import structlog


def make_logger(name):
    FACTORY
    return structlog.get_logger(name)
"""

MAIN = """
from multiprocessing import Pool

from kit.logs import make_logger


def work(log):
    return 1


if __name__ == "__main__":
    log = MAKE
    with Pool(1) as pool:
        print("RESULT=%s" % pool.apply(work, (log,)))
"""

FILE_FACTORY = ('structlog.configure(logger_factory=structlog.WriteLoggerFactory('
                'file=open(os.path.join(tempfile.mkdtemp(), name + ".log"), "a")))')
STDERR_FACTORY = "structlog.configure(logger_factory=structlog.WriteLoggerFactory(file=sys.stderr))"

# name -> (kit's configuration, what the script sends, refused?)
ACROSS = {
    "file_factory_bound": (FILE_FACTORY, 'make_logger("svc").bind(service="s")', True),
    # near misses: the proxy itself pickles; a WriteLogger on sys.stderr pickles
    "file_factory_proxy": (FILE_FACTORY, 'make_logger("svc")', False),
    "stderr_factory_bound": (STDERR_FACTORY, 'make_logger("svc").bind(service="s")', False),
}


def across(tmp_path, name):
    from test_semantic_crossmodule import project
    factory, make, _refused = ACROSS[name]
    return project(tmp_path, {"kit/__init__.py": "", "kit/logs.py": KIT.replace("FACTORY", factory),
                              "main.py": MAIN.replace("MAKE", make)})


@pytest.mark.parametrize("name", sorted(ACROSS))
def test_across_modules_static(tmp_path, name):
    from test_semantic_crossmodule import findings
    got = findings(across(tmp_path, name) / "main.py", "MP203")
    assert len(got) == (1 if ACROSS[name][2] else 0), [f.message for f in got]
    if got:
        assert "what kit.logs.make_logger().bind() returns, a structlog logger configured with " \
               "`WriteLoggerFactory(file=...)`" in got[0].message, got[0].message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(ACROSS))
def test_across_modules_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("structlog")
    root = across(tmp_path, name)
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert_outcome(out, ACROSS[name][2], "Only WriteLoggers to sys.stdout and sys.stderr can be pickled", "RESULT=1")
