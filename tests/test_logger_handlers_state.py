"""MP302 for a named logger the parent gives handlers at run time: `logging.getLogger(name)` is the process's one
logger of that name, so a handler added to it under the main guard (or by a helper of another project module the
guarded code calls) exists in the parent and in a forked child only; a spawned or forkserver child imports the
modules again and its records through that logger, or one below it (`svc.jobs` below `svc`), are dropped (below
WARNING) or go to stderr instead of the file. A child that configures logging itself (through a helper too, or its
pool's initializer) keeps them. fresh_reports23 ccb326's model, in other shapes."""
from __future__ import annotations

import textwrap

import pytest
from helpers import codes, methods, run_program
from test_semantic_crossmodule import findings, project

LOGCONF = """
    import logging
    import logging.handlers


    def configure(path):
        log = logging.getLogger("svc")
        log.setLevel(logging.DEBUG)
        handler = logging.handlers.RotatingFileHandler(path)
        log.addHandler(handler)
        return handler


    def install_queue_handler(queue):
        logging.getLogger("svc").addHandler(logging.handlers.QueueHandler(queue))
"""

MAIN = """
    import logging
    import multiprocessing
    import os
    import sys
    import tempfile

    import logconf

    jobs = logging.getLogger("svc.jobs")


    def work(x):
        jobs.debug("job %s done", x)
        return x


    def main():
        path = os.path.join(tempfile.mkdtemp(), "svc.log")
        handler = logconf.configure(path)
        logging.getLogger("svc").info("starting 3 jobs")
        with multiprocessing.Pool(2POOL_ARGS) as pool:
            pool.map(work, range(3))
        handler.flush()
        lines = open(path).read().count("done") + open(path).read().count("starting")
        print("RESULT=%d" % lines)
        sys.exit(0 if lines == 4 else 3)


    if __name__ == "__main__":
        main()
"""


def program(pool_args="", **replaced):
    text = MAIN.replace("POOL_ARGS", pool_args)
    for old, new in replaced.items():
        text = text.replace(old, new)
    return text


def test_a_helpers_handler_on_a_named_logger_is_parent_state(tmp_path):
    root = project(tmp_path, {"logconf.py": LOGCONF, "main.py": program()})
    found = findings(root / "main.py", "MP302")
    assert [f.start.row for f in found] == [20]
    assert "`svc` logger" in found[0].message


@pytest.mark.parametrize("replaced", [
    {"POOL_ARGS": ", initializer=logconf.configure, initargs=(path,)"},  # each worker configures it
    {"\"svc.jobs\"": "\"svcx.jobs\""},  # a logger outside `svc`: its records never reached that handler
    {"jobs.debug": "jobs.unknown_method"},  # no record at all
    {"jobs = logging.getLogger(\"svc.jobs\")": "jobs = logging.getLogger(__name__)"},  # a name not known here
    {"multiprocessing.Pool(": "multiprocessing.get_context(\"fork\").Pool("},  # forked workers keep the handler
    # the parent never logs through `svc` itself: a handler it sets up for another reason is not judged
    {"        logging.getLogger(\"svc\").info(\"starting 3 jobs\")\n": ""},
])
def test_near_misses_stay_silent(tmp_path, replaced):
    pool_args = replaced.pop("POOL_ARGS", "")
    root = project(tmp_path, {"logconf.py": LOGCONF, "main.py": program(pool_args, **replaced)})
    assert findings(root / "main.py", "MP302") == []


def test_a_child_that_installs_a_handler_through_the_helper_keeps_its_records(tmp_path):
    main = program(**{"    jobs.debug(\"job %s done\", x)\n": "    logconf.install_queue_handler(QUEUE)\n"
                                                            "    jobs.debug(\"job %s done\", x)\n",
                      "jobs = logging.getLogger(\"svc.jobs\")\n": "jobs = logging.getLogger(\"svc.jobs\")\n"
                                                                   "QUEUE = None\n"})
    root = project(tmp_path, {"logconf.py": LOGCONF, "main.py": main})
    assert findings(root / "main.py", "MP302") == []


ONE_MODULE = """
    import logging
    import multiprocessing
    import sys

    audit = logging.getLogger("audit")


    def record(event):
        logging.getLogger("audit.events").LEVEL("event %s", event)


    if __name__ == "__main__":
        audit.setLevel(logging.INFO)
        audit.addHandler(HANDLER)
        audit.info("service started")
        p = multiprocessing.Process(target=record, args=("login",))
        p.start()
        p.join()
"""


@pytest.mark.parametrize("level, handler, reported", [
    ("info", "logging.FileHandler('audit.log', delay=True)", True),
    ("info", "logging.StreamHandler(sys.stdout)", True),  # written to stdout by the parent, dropped by the child
    ("info", "logging.StreamHandler()", True),  # an INFO record: below lastResort's WARNING
    ("warning", "logging.StreamHandler()", False),  # lastResort writes it to stderr as well
    ("error", "logging.FileHandler('audit.log', delay=True)", True),  # goes to stderr, not to the file
    ("info", "logging.NullHandler()", False),  # the parent drops it too
    ("debug", "logging.FileHandler('audit.log', delay=True)", False),  # below the logger's INFO: dropped anyway
])
def test_one_module_handlers_by_destination_and_level(level, handler, reported):
    src = ONE_MODULE.replace("LEVEL", level).replace("HANDLER", handler)
    assert ("MP302" in codes(src)) is reported
    if reported:
        assert methods(src, "MP302") == {"spawn", "forkserver"}


def test_handlers_added_at_import_are_every_process_state():
    src = """
        import logging
        import multiprocessing

        audit = logging.getLogger("audit")
        audit.setLevel(logging.INFO)
        audit.addHandler(logging.FileHandler("audit.log", delay=True))


        def record(event):
            logging.getLogger("audit.events").info("event %s", event)


        if __name__ == "__main__":
            p = multiprocessing.Process(target=record, args=("login",))
            p.start()
            p.join()
    """
    assert "MP302" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """The children's DEBUG records reach the file only when they were forked from the configured parent."""
    root = project(tmp_path, {"logconf.py": LOGCONF, "main.py": program()})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    expected = "RESULT=4" if method == "fork" else "RESULT=1"  # (the parent's own record is always there)
    assert expected in out.stdout and out.returncode == (0 if method == "fork" else 3), out.stderr[-800:]


DICT_CONFIG = """
    import logging
    import logging.config
    import multiprocessing
    import os
    import sys
    import tempfile

    log = logging.getLogger("app.jobs")


    def job(n):
        log.info("job %s done", n)


    def main():
        path = os.path.join(tempfile.mkdtemp(), "app.log")
        config = {
            "version": 1,
            "handlers": {
                "file": {"class": "logging.FileHandler", "filename": path, "level": "DEBUG"},
                "console": {"class": "logging.StreamHandler"},
            },
            "loggers": {"app": {"handlers": ["file", "console"], "level": "INFO"}},
        }
        logging.config.dictConfig(config)
        log.info("starting")
        with multiprocessing.Pool(2) as pool:
            pool.map(job, range(3))
        logging.shutdown()
        lines = open(path).read().count("\\n")
        print("RESULT=%d" % lines)
        sys.exit(0 if lines == 4 else 3)


    if __name__ == "__main__":
        main()
"""


def test_a_dict_config_of_constants_is_read():
    assert methods(DICT_CONFIG, "MP302") == {"spawn", "forkserver"}


@pytest.mark.parametrize("replaced", [
    {'"level": "INFO"}}': '"level": "ERROR"}}'},  # the parent drops the INFO records too
    {'"version": 1,': '"version": 1, "incremental": True,'},  # only changes the levels of what exists
    {'"handlers": ["file", "console"], ': '"handlers": ["console"], ',  # a factory: what it makes is not known
     '"console": {"class": "logging.StreamHandler"},': '"console": {"()": "ext://mylog.make_handler"},'},
    {'"handlers": ["file", "console"], ': '"handlers": ["console"], ',  # stderr, and the child warns: lastResort
     'log.info("job %s done", n)': 'log.warning("job %s done", n)'},
])
def test_dict_config_near_misses(replaced):
    src = DICT_CONFIG
    for old, new in replaced.items():
        assert old in src
        src = src.replace(old, new)
    assert "MP302" not in codes(src)


def test_dict_config_to_stderr_still_loses_info_records():
    """INFO is below the WARNING of the spawned child's lastResort: written to stderr by the parent only."""
    src = DICT_CONFIG.replace('"handlers": ["file", "console"], ', '"handlers": ["console"], ')
    assert methods(src, "MP302") == {"spawn", "forkserver"}


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_dict_config(tmp_path, method):
    path = tmp_path / "dict_config.py"
    path.write_text(textwrap.dedent(DICT_CONFIG))
    out = run_program(path, method, timeout=60)
    expected = "RESULT=4" if method == "fork" else "RESULT=1"
    assert expected in out.stdout, (out.stdout, out.stderr[-800:])
