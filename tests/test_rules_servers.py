"""Servers and task queues that fork the user's code themselves (rules/servers.py, boundaries.json
"workers" and "preload"): celery tasks that start processes (MP413) and gunicorn's preload_app with a
connection made at import (MP424). On source strings and small projects, without the libraries; what
each case asserts was observed by running them (tests/test_servers_runtime.py)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import check, found, rows
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings
from mpguard.rules.docs import libraries_of
from mpguard.semantic.boundaries import libraries, module_pattern, not_fork_safe, preload, workers


def project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def findings(path, code):
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if f.code == code]


# ---- the catalog ---------------------------------------------------------------------------------------

def test_the_catalog_describes_celery_and_gunicorn():
    assert workers()["celery"]["daemonic"] is True
    assert "billiard" in workers()["celery"]["allowed_spawners"]
    assert "preload_app" in preload()["gunicorn"]["settings"]
    assert not_fork_safe()["sqlite3.connect"] == "a sqlite3 connection"
    assert {"celery", "gunicorn"} <= set(libraries())
    assert "celery" in dict(libraries_of("MP413")) and "gunicorn" in dict(libraries_of("MP424"))
    assert module_pattern().search("preload_app = True\n")  # a config file is analysed, not only parsed


# ---- celery: MP413 --------------------------------------------------------------------------------------

# https://github.com/celery/celery/issues/4525 and #1709: a pool inside a task under the prefork pool.
TASKS = """
    import multiprocessing
    from celery import Celery

    app = Celery("tasks", broker="redis://localhost")


    def square(n):
        return n * n


    @app.task
    def total(n):
        with multiprocessing.Pool(2) as pool:
            return sum(pool.map(square, range(n)))
"""


def test_a_pool_in_an_app_task():
    [finding] = found(TASKS, "MP413")
    assert finding.start.row == 14
    assert "celery task total" in finding.message and "daemonic processes are not allowed" in finding.message


def test_bind_true_shared_task_and_a_helper_of_the_same_module():
    src = """
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from celery import shared_task


        def square(n):
            return n * n


        def crunch(n):
            with ProcessPoolExecutor(2) as ex:
                return sum(ex.map(square, range(n)))


        @shared_task(bind=True)
        def report(self, n):
            return crunch(n)


        def not_a_task(n):
            return crunch(n)
    """
    [finding] = found(src, "MP413")
    assert finding.start.row == 12  # in the helper; reported once
    assert "crunch(), called by the celery task report" in finding.message


def test_a_task_class_run_method():
    src = """
        import multiprocessing
        from celery import Task


        def work(n):
            return n


        class Export(Task):
            def run(self, n):
                p = multiprocessing.Process(target=work, args=(n,))
                p.start()
                p.join()
    """
    assert rows(src, "MP413") == [12]  # (from `Process(...)` to its start() on row 13)


def test_near_misses_billiard_pool_solo_pool_plain_function_other_decorators():
    billiard = TASKS.replace("import multiprocessing", "import billiard").replace("multiprocessing.Pool", "billiard.Pool")
    assert not found(billiard, "MP413")  # billiard's Pool starts processes in a prefork worker (observed)
    solo = TASKS.replace('broker="redis://localhost")', 'broker="redis://localhost")\napp.conf.worker_pool = "solo"')
    assert not found(solo, "MP413")
    update = TASKS + '\napp.conf.update(worker_pool="threads")\n'
    assert not found(update, "MP413")
    argv = TASKS + '\nif __name__ == "__main__":\n    app.worker_main(["worker", "-P", "solo"])\n'
    assert not found(argv, "MP413")
    plain = TASKS.replace("@app.task\n", "")
    assert not found(plain, "MP413")
    huey = TASKS.replace('from celery import Celery', 'from huey import RedisHuey as Celery')
    assert not found(huey, "MP413")  # another library's `.task`: not in the catalog
    asks = TASKS.replace("    with multiprocessing.Pool(2) as pool:",
                         "    if multiprocessing.current_process().daemon:\n        return 0\n"
                         "    with multiprocessing.Pool(2) as pool:")
    assert not found(asks, "MP413")
    # https://github.com/celery/celery/issues/1709: the worker clears its daemon flag when it starts
    cleared = TASKS + textwrap.dedent("""

        from celery.signals import worker_process_init


        @worker_process_init.connect
        def fix_multiprocessing(**kwargs):
            multiprocessing.current_process().daemon = False
    """)
    assert not found(cleared, "MP413")


def test_app_imported_from_another_module_and_a_helper_there(tmp_path):
    root = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/celery.py": "from celery import Celery\n\napp = Celery('proj')\n",
        "proj/helpers.py": """
            import multiprocessing


            def square(n):
                return n * n


            def fan_out(n):
                with multiprocessing.Pool(4) as pool:
                    return pool.map(square, range(n))
        """,
        "proj/tasks.py": """
            from proj.celery import app
            from proj.helpers import fan_out


            @app.task
            def run(n):
                return fan_out(n)
        """,
    })
    [finding] = findings(root / "proj" / "tasks.py", "MP413")
    # the pool is made in helpers.py: reported where tasks.py imports it, the call in the task related
    assert finding.start.row == 3 and finding.related_file is not None
    assert [(p.row, text) for p, text in finding.related] == [(8, "reached from here")]
    assert finding.related_file.path.endswith("helpers.py")


def test_the_apps_module_choosing_solo_silences_its_tasks(tmp_path):
    root = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/celery.py": "from celery import Celery\n\napp = Celery('proj')\napp.conf.worker_pool = 'solo'\n",
        "proj/tasks.py": """
            import multiprocessing
            from proj.celery import app


            @app.task
            def run(n):
                with multiprocessing.Pool(2) as pool:
                    return pool.map(abs, range(n))
        """,
    })
    assert not findings(root / "proj" / "tasks.py", "MP413")


CONFIGURED = """
    import multiprocessing
    from celery import Celery

    app = Celery("tasks")
    app.config_from_object("celeryconfig")


    @app.task
    def run(n):
        with multiprocessing.Pool(2) as pool:
            return pool.map(abs, range(n))
"""


def test_a_configuration_module_choosing_solo_silences_the_tasks(tmp_path):
    solo = project(tmp_path / "solo", {"celeryconfig.py": 'broker_url = "redis://localhost"\nworker_pool = "solo"\n',
                                       "tasks.py": CONFIGURED})
    assert not findings(solo / "tasks.py", "MP413")
    default = project(tmp_path / "default", {"celeryconfig.py": 'broker_url = "redis://localhost"\n',
                                             "tasks.py": CONFIGURED})
    assert len(findings(default / "tasks.py", "MP413")) == 1


# ---- gunicorn: MP424 -------------------------------------------------------------------------------------

# https://github.com/benoitc/gunicorn/issues/1953 (connections made before the fork, --preload);
# https://github.com/nautobot/nautobot/issues/127 (SSL error: decryption failed or bad record mac).
APP = """
    import sqlite3

    from flask import Flask

    app = Flask(__name__)
    db = sqlite3.connect("app.db", check_same_thread=False)
"""
CONF = """
    wsgi_app = "web.app:app"
    workers = 4
    preload_app = True
"""


def test_a_config_file_preloading_an_app_that_connects_at_import(tmp_path):
    root = project(tmp_path, {"web/__init__.py": "", "web/app.py": APP, "gunicorn.conf.py": CONF})
    [finding] = findings(root / "gunicorn.conf.py", "MP424")
    assert finding.start.row == 4
    assert "`web.app` creates a sqlite3 connection at import" in finding.message
    assert finding.related_file.path.endswith("app.py") and finding.related_file.line == 7


def test_config_near_misses(tmp_path):
    lazy = APP.replace('db = sqlite3.connect("app.db", check_same_thread=False)',
                       'def get_db():\n    return sqlite3.connect("app.db")')
    cases = {
        "hook": (APP, CONF + "\n\ndef post_fork(server, worker):\n    pass\n"),
        "off": (APP, CONF.replace("True", "False")),
        "one worker": (APP, CONF.replace("workers = 4", "workers = 1")),
        "lazy": (lazy, CONF),
        "no app named": (APP, CONF.replace('wsgi_app = "web.app:app"', "")),
        "guarded": (APP.replace("db = ", 'if __name__ == "__main__":\n    db = '), CONF),
        "register_at_fork": (APP + "\nimport os\nos.register_at_fork(after_in_child=lambda: None)\n", CONF),
    }
    for name, (app, conf) in cases.items():
        root = project(tmp_path / name.replace(" ", "_"), {"web/__init__.py": "", "web/app.py": app,
                                                           "gunicorn.conf.py": conf})
        assert not findings(root / "gunicorn.conf.py", "MP424"), name


SERVE = """
    import socket

    from gunicorn.app.base import BaseApplication

    from web.app import app

    stats = socket.create_connection(("localhost", 8125))


    class StandaloneApplication(BaseApplication):
        def __init__(self, app, options=None):
            self.options = options or {}
            self.application = app
            super().__init__()

        def load_config(self):
            for key, value in self.options.items():
                self.cfg.set(key, value)

        def load(self):
            return self.application


    if __name__ == "__main__":
        StandaloneApplication(app, {"bind": "0.0.0.0:8000", "workers": 2, "preload_app": True}).run()
"""


def test_a_custom_application_with_preload_app_in_its_options(tmp_path):
    root = project(tmp_path, {"web/__init__.py": "", "web/app.py": "app = object()\n", "serve.py": SERVE})
    [finding] = findings(root / "serve.py", "MP424")
    assert finding.start.row == 26 and "a connected socket" in finding.message
    root = project(tmp_path / "b", {"web/__init__.py": "", "web/app.py": APP,
                                    "serve.py": SERVE.replace('stats = socket.create_connection(("localhost", 8125))', "")})
    [finding] = findings(root / "serve.py", "MP424")
    assert "`web.app` creates a sqlite3 connection" in finding.message


def test_custom_application_near_misses(tmp_path):
    for name, serve in {
        "hook": SERVE.replace('"preload_app": True}', '"preload_app": True, "post_fork": reset}'),
        "off": SERVE.replace('"preload_app": True', '"preload_app": False'),
        "not gunicorn": SERVE.replace("from gunicorn.app.base import BaseApplication", "BaseApplication = object"),
    }.items():
        root = project(tmp_path / name.replace(" ", "_"), {"web/__init__.py": "", "web/app.py": "app = 1\n",
                                                           "serve.py": serve})
        assert not findings(root / "serve.py", "MP424"), name


def test_a_thread_started_at_import_runs_in_the_master_only(tmp_path):
    app = """
        import threading

        def refresh():
            pass

        poller = threading.Thread(target=refresh, daemon=True)
        poller.start()
        app = object()
    """
    root = project(tmp_path, {"web/__init__.py": "", "web/app.py": app, "gunicorn.conf.py": CONF})
    [finding] = findings(root / "gunicorn.conf.py", "MP424")
    assert "a started thread" in finding.message


def test_without_a_project_nothing_is_said():
    assert not found(CONF, "MP424")  # the application module cannot be read
    assert not check("preload_app = True\n")


# ---- celery apps made by a factory function (the Flask pattern) -------------------------------------------

# Flask's "Celery Background Tasks" pattern (flask.palletsprojects.com, 1.x docs: make_celery), as in
# https://github.com/miguelgrinberg/flasky-with-celery and many tutorials: the application comes from a
# function, and the tasks are registered on the name it is bound to.
FACTORY = """
    import multiprocessing

    from celery import Celery
    from flask import Flask


    def make_celery(app):
        celery = Celery(app.import_name, broker=app.config["CELERY_BROKER_URL"])
        celery.conf.update(app.config)

        class ContextTask(celery.Task):
            def __call__(self, *args, **kwargs):
                with app.app_context():
                    return self.run(*args, **kwargs)

        celery.Task = ContextTask
        return celery


    flask_app = Flask(__name__)
    flask_app.config.update(CELERY_BROKER_URL="redis://localhost:6379")
    celery = make_celery(flask_app)


    @celery.task()
    def crunch(n):
        with multiprocessing.Pool(4) as pool:
            return sum(pool.map(abs, range(n)))
"""


def test_tasks_of_an_app_made_by_a_factory():
    [finding] = found(FACTORY, "MP413")
    assert finding.start.row == 28
    assert "daemonic" in finding.message


def test_a_factory_returning_the_constructor_call():
    src = FACTORY.replace("celery = make_celery(flask_app)", "celery = create(flask_app)") + """

    def create(app):
        return Celery(app.import_name)
    """
    assert rows(src, "MP413") == [28]


@pytest.mark.parametrize("change", [
    ("        return celery\n", "        return celery if app else None\n"),  # may return something else
    ("celery = make_celery(flask_app)", "celery = make_other(flask_app)"),  # not a factory we know
    ("@celery.task()", "@flask_app.route('/')"),  # not a task
])
def test_factory_near_misses(change):
    assert rows(FACTORY.replace(*change), "MP413") == []


def test_solo_pool_configured_on_a_factory_app():
    src = FACTORY.replace("celery.conf.update(app.config)", "celery.conf.update(app.config, worker_pool='solo')")
    assert rows(src, "MP413") == []


def test_a_factory_app_imported_from_another_module(tmp_path):
    root = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/factory.py": """
            from celery import Celery


            def make_celery(app):
                celery = Celery(app.import_name)
                celery.conf.update(app.config)
                return celery
        """,
        "proj/app.py": """
            from flask import Flask

            from proj.factory import make_celery

            app = Flask(__name__)
            celery = make_celery(app)
        """,
        "proj/tasks.py": """
            import multiprocessing

            from proj.app import celery


            @celery.task
            def crunch(n):
                with multiprocessing.Pool(2) as pool:
                    return pool.map(abs, range(n))
        """,
    })
    [finding] = findings(root / "proj" / "tasks.py", "MP413")
    assert finding.start.row == 9
    assert findings(root / "proj" / "app.py", "MP413") == []


# ---- issue 13, session 7: the other factory shapes, and the start method the task's pool chose ---------------

# Flask's docs and the reports of celery#4525's kind write the factory's result into a global from a function
# (`global celery`) or onto the Flask object (`app.celery = make_celery(app)`, then `@app.celery.task`).
GLOBAL_SHAPE = FACTORY.replace(
    "celery = make_celery(flask_app)",
    "celery = None\n\n\n    def init_celery(app):\n        global celery\n        celery = make_celery(app)\n\n\n"
    "    init_celery(flask_app)")
ATTRIBUTE_SHAPE = FACTORY.replace("celery = make_celery(flask_app)", "flask_app.celery = make_celery(flask_app)") \
    .replace("@celery.task()", "@flask_app.celery.task()")


def test_a_factory_app_bound_to_a_global_by_a_function():
    assert GLOBAL_SHAPE != FACTORY
    assert rows(GLOBAL_SHAPE, "MP413") == [36]


def test_a_factory_app_stored_on_the_flask_object():
    assert ATTRIBUTE_SHAPE != FACTORY
    assert rows(ATTRIBUTE_SHAPE, "MP413") == [28]


@pytest.mark.parametrize("src", [
    # the function binds a local of the same name, not the global
    GLOBAL_SHAPE.replace("        global celery\n", ""),
    # another attribute of the Flask object, never an application
    ATTRIBUTE_SHAPE.replace("@flask_app.celery.task()", "@flask_app.jobs.task()"),
    # the application object picks the solo pool
    ATTRIBUTE_SHAPE.replace("celery.conf.update(app.config)", "celery.conf.update(app.config, worker_pool='solo')"),
])
def test_factory_shape_near_misses(src):
    assert rows(src, "MP413") == []


def test_factory_shapes_imported_from_another_module(tmp_path):
    root = project(tmp_path, {
        "proj/__init__.py": "",
        "proj/app.py": ATTRIBUTE_SHAPE.replace("@flask_app.celery.task()", "def unused():\n        pass\n\n\n"
                                               "    @flask_app.celery.task()"),
        "proj/glob.py": GLOBAL_SHAPE,
        "proj/tasks.py": """
            import multiprocessing

            from proj.app import flask_app
            from proj.glob import celery


            @flask_app.celery.task
            def crunch(n):
                with multiprocessing.Pool(2) as pool:
                    return sum(pool.map(abs, range(n)))


            @celery.task
            def crunch_more(n):
                with multiprocessing.Pool(2) as pool:
                    return sum(pool.map(abs, range(n)))
        """,
    })
    assert sorted(f.start.row for f in findings(root / "proj" / "tasks.py", "MP413")) == [10, 16]


CONTEXT_TASKS = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from celery import Celery

    app = Celery("tasks", broker="redis://localhost")


    def square(n):
        return n * n


    @app.task
    def total(n):
        with multiprocessing.get_context("{method}").Pool(2) as pool:
            return sum(pool.map(square, range(n)))


    @app.task
    def total_executor(n):
        with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("{method}")) as ex:
            return sum(ex.map(square, range(n)))
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_task_pool_with_an_explicit_start_method(method):
    # a daemonic worker refuses children whatever the method (tests/test_servers_runtime.py, all three);
    # fork and forkserver do not exist on Windows: get_context raises ValueError there first
    got = found(CONTEXT_TASKS.format(method=method), "MP413")
    assert sorted(f.start.row for f in got) == [15, 21]
    for finding in got:
        assert set(finding.start_methods) == {"fork", "spawn", "forkserver"}
        assert ("windows" in finding.unreachable_on) == (method != "spawn"), finding.unreachable_on


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_pool_worker_rule_reads_the_same_start_method(method):
    # the stdlib MP413 (a Pool task that makes a pool) shares the model: Windows only for a spawn context
    src = f"""
        import multiprocessing


        def square(n):
            return n * n


        def work(n):
            with multiprocessing.get_context("{method}").Pool(2) as inner:
                return sum(inner.map(square, range(n)))


        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                print(pool.map(work, [3, 4]))
    """
    [finding] = found(src, "MP413")
    assert finding.start.row == 10 and set(finding.start_methods) == {"fork", "spawn", "forkserver"}
    assert ("windows" in finding.unreachable_on) == (method != "spawn")


@pytest.mark.parametrize("setting, silent", [
    ("app.conf.task_always_eager = True", True),
    ('app.conf.update({"task_always_eager": True})', True),
    ("app.conf.update(task_always_eager=True)", True),
    ("CELERY_TASK_ALWAYS_EAGER = True", True),
    ("app.conf.task_always_eager = False", False),  # the worker still runs the task
    ('app.conf.update({"task_eager_propagates": True})', False),
])
def test_eager_mode_runs_tasks_in_the_caller(setting, silent):
    # tests/test_servers_runtime.py::test_celery_eager_tasks_run_in_the_caller runs the eager forms
    source = (f'import multiprocessing\nfrom celery import Celery\napp = Celery("t")\n{setting}\n\n\n'
              "@app.task\ndef work(n):\n    with multiprocessing.Pool(2) as pool:\n"
              "        return pool.map(abs, range(n))\n")
    assert (rows(source, "MP413") == []) is silent
