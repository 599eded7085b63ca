"""loguru's `logger` pickles its handlers (data/boundaries.json `configured_objects`, semantic/configured_objects.py):
after `logger.add(path)` it holds a file loguru opened for appending, which pickle refuses (loguru #190: a
`Process` argument under spawn and forkserver, a pool task under every method); `logger.add(sys.stderr)` holds the
stream; a handler added with `enqueue=True` holds a multiprocessing SimpleQueue instead of its sink, refused in a pool
task (loguru #1264: "SimpleQueue objects should only be shared between processes through inheritance") and fine
while a child is spawned.

That queue is made by the default context unless `context=` is given: in the `initargs` of a spawn-context executor
it fails where the default is fork (MP205, loguru #1160).

Near misses: a module-level function as the sink; an enqueued logger as a `Process` argument; a handler removed by
its id (not followed: nothing said); a path sink through multiprocess (dill copies the file); the queue's context
given; the initargs of a default-context executor. Static answers on
source strings; the same programs run under fork, spawn and forkserver (skipped when loguru, or multiprocess, is not
installed; the test process never imports them)."""
import textwrap

import pytest
from helpers import assert_outcome, found, methods, run_program

PROGRAM = """
import multiprocessing
import os
import sys
import tempfile

import MP
from loguru import logger


def sink(message):
    pass


def work(log, n):
    log.info("work {}", n)
    return n


def init(log):
    log.info("worker ready")


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "run.log")
    logger.remove()
    SETUP
    HANDOVER
    logger.remove()
"""

POOL = "with MP.Pool(1) as pool:\n        print(\"RESULT=%s\" % pool.apply(work, (logger, 1)))"
PROCESS = ("p = MP.Process(target=work, args=(logger, 1))\n    p.start()\n    p.join()\n"
           "    if p.exitcode:\n        sys.exit(3)\n    print(\"RESULT=1\")")
INITARGS = ("import concurrent.futures\n    with concurrent.futures.ProcessPoolExecutor("
            "1, initializer=init, initargs=(logger,), mp_context=MP.get_context(\"spawn\")) as ex:\n"
            "        print(\"RESULT=%s\" % ex.submit(abs, -1).result())")
DEFAULT_INITARGS = INITARGS.replace(', mp_context=MP.get_context(\"spawn\")', "")
SEMLOCK = "A SemLock created in a fork context is being shared with a process in a spawn context"
FILE_ERROR = ("cannot pickle '_io.TextIOWrapper' object", "cannot pickle 'TextIOWrapper' instances")  # 3.12+: the latter
QUEUE_ERROR = "SimpleQueue objects should only be shared between processes through inheritance"
EVERY = {"fork", "spawn", "forkserver"}
REIMPORTING = {"spawn", "forkserver"}

# name -> (module, setup, hand-over, code, the start methods it fails under, the error)
CASES = {
    "path_sink_process_args": ("multiprocessing", "logger.add(path)", PROCESS, "MP203", REIMPORTING, FILE_ERROR),
    "path_sink_pool_task": ("multiprocessing", 'logger.add(path, format="{message}")', POOL, "MP203", EVERY,
                            FILE_ERROR),
    "fstring_path_pool_task": ("multiprocessing", 'logger.add(f"{path}.2")', POOL, "MP203", EVERY, FILE_ERROR),
    "stderr_sink_pool_task": ("multiprocessing", "logger.add(sys.stderr)", POOL, "MP203", EVERY, FILE_ERROR),
    "enqueue_pool_task": ("multiprocessing", "logger.add(path, enqueue=True)", POOL, "MP204", EVERY, QUEUE_ERROR),
    # the queue comes from the default context: a spawn-context executor's workers cannot take it where that is fork
    # (loguru #1160, fresh_libs5 loguru_stderr_initargs_spawn_executor)
    "enqueue_initargs_spawn_executor": ("multiprocessing", "logger.add(sys.stdout, enqueue=True)", INITARGS, "MP205",
                                        {"fork"}, SEMLOCK),
    # near misses
    "enqueue_context_given_initargs": ("multiprocessing", 'logger.add(sys.stdout, enqueue=True, context="spawn")',
                                       INITARGS, None, set(), None),
    "enqueue_initargs_default_executor": ("multiprocessing", "logger.add(sys.stdout, enqueue=True)", DEFAULT_INITARGS,
                                          None, set(), None),
    "function_sink_pool_task": ("multiprocessing", "logger.add(sink)", POOL, None, set(), None),
    "enqueue_process_args": ("multiprocessing", "logger.add(path, enqueue=True)", PROCESS, None, set(), None),
    "path_sink_removed_by_id": ("multiprocessing", "handler = logger.add(path)\n    logger.remove(handler)", POOL, None,
                                set(), None),
    "path_sink_dill": ("multiprocess", "logger.add(path)", POOL, None, set(), None),
}


def program(name: str) -> str:
    module, setup, handover, *_ = CASES[name]
    return textwrap.dedent(PROGRAM).replace("SETUP", setup).replace("HANDOVER", handover).replace("MP", module)


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(name):
    _module, _setup, _handover, code, fails, _error = CASES[name]
    for other in ("MP203", "MP204", "MP205"):
        expected = 1 if other == code else 0
        assert len(found(program(name), other)) == expected, (other, program(name))
    if code is not None:
        assert methods(program(name), code) >= fails
        assert "`loguru.logger`" in found(program(name), code)[0].message


def test_message_names_the_file_handler():
    (finding,) = found(program("path_sink_process_args"), "MP203")
    assert "writes to a file it opened (mode 'a')" in finding.message
    assert any(wording in finding.message for wording in FILE_ERROR)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    from helpers import skip_without
    skip_without("loguru")
    skip_without(CASES[name][0])
    path = tmp_path / "prog.py"
    path.write_text(program(name))
    out = run_program(path, method, timeout=120)
    _module, _setup, _handover, _code, fails, error = CASES[name]
    assert_outcome(out, method in fails, error, "RESULT=1")
