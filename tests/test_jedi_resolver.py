"""jedi answers what the project's own AST can't: here a factory re-exported through a package's
__init__ by a star import (`from pkg._impl import *`; a named re-export the AST pass follows itself:
resolve/project.defined_name). The first (AST) pass defers it; jedi places it."""
import textwrap

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SERVER, open_doc, start, wait_for
from mpguard.config import Settings
from mpguard.linter.analyze import analyze
from mpguard.linter.summaries import SUMMARIZER
from mpguard.resolve.jedi_resolver import JediResolver
from mpguard.resolve.project import DeferredResolver, ProjectResolver

SCRIPT = textwrap.dedent("""
    from multiprocessing import Pool
    from extpkg import make_scaler, traced

    @traced
    def square(x):
        return x * x

    if __name__ == "__main__":
        with Pool() as pool:
            pool.map(make_scaler(2), [1])
            pool.map(square, [1])
            pool.map(abs, [1])
""")


@pytest.fixture
def project(tmp_path):
    pkg = tmp_path / "extpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from extpkg._impl import *\n")
    (pkg / "_impl.py").write_text(textwrap.dedent("""
        def make_scaler(k):
            def scale(x):
                return x * k
            return scale

        def traced(f):
            def wrapper(*a):
                return f(*a)
            return wrapper
    """))
    (tmp_path / "main.py").write_text(SCRIPT)
    return tmp_path


def test_a_named_re_export_is_followed_without_jedi(project):
    (project / "extpkg" / "__init__.py").write_text("from extpkg._impl import make_scaler, traced\n")
    deferred = DeferredResolver()
    first = analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver([project], deferred, SUMMARIZER))
    assert sorted(f.start.row for f in first.findings if f.code == "MP201") == [11, 12]
    assert deferred.asked == set()


def test_ast_pass_defers_and_jedi_resolves(project):
    deferred = DeferredResolver()
    first = analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver([project], deferred, SUMMARIZER))
    assert not [f for f in first.findings if f.code == "MP201"]
    assert deferred.asked == {"extpkg.make_scaler", "extpkg.traced"}
    jedi = JediResolver(project)
    second = analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver([project], jedi, SUMMARIZER))
    assert sorted(f.start.row for f in second.findings if f.code == "MP201") == [11, 12]
    assert 0 < jedi.spent


def test_stopping_jedis_helper_leaves_one_thread_and_the_same_answers(project):
    """`mpguard check` forks its workers only while it runs no other thread: jedi's helper process is read
    by one, which `stop_helper` stops; the next question starts another helper, with the same answers."""
    import threading

    from mpguard.resolve import jedi_resolver

    run = lambda: sorted(f.start.row for f in analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver(
        [project], JediResolver(project), SUMMARIZER)).findings if f.code == "MP201")
    before = threading.active_count()
    assert run() == [11, 12]
    jedi_resolver.stop_helper()
    assert threading.active_count() <= before
    assert run() == [11, 12]
    jedi_resolver.stop_helper()


def test_jedi_budget_is_respected(project):
    exhausted = JediResolver(project, budget=0.0)
    result = analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver([project], exhausted, SUMMARIZER))
    assert not [f for f in result.findings if f.code == "MP201"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_server_publishes_jedi_findings_after_the_ast_pass(client: LanguageClient, project):
    await start(client, root=project)
    uri = (project / "main.py").as_uri()
    open_doc(client, uri, SCRIPT)
    await wait_for(client, lambda: len([d for d in client.diagnostics.get(uri, ()) if d.code == "MP201"]) == 2,
                   timeout=180, what="the jedi pass")  # a hang guard, not a speed claim


def test_a_check_run_asks_jedi_each_question_once(project, monkeypatch):
    """Issue 16: every file of `mpguard check` has a resolver (and a jedi budget) of its own; jedi's answer
    to the same question, from the same root, is shared by the files of one run, and by no one outside a
    run (the language server keeps its answers per resolver)."""
    from mpguard.cli.batch import checked
    from mpguard.resolve import jedi_resolver

    for name in ("a.py", "b.py", "c.py"):
        (project / name).write_text(SCRIPT)
    asked = []
    lookup = JediResolver._lookup
    monkeypatch.setattr(JediResolver, "_lookup", lambda self, qualified: asked.append(qualified) or lookup(self, qualified))
    jobs = [(project / name, Settings(), project, "all") for name in ("a.py", "b.py", "c.py")]
    rows = [sorted(item["location"]["row"] for item in items if item["code"] == "MP201")
            for _path, items, _skipped in checked(jobs, 1)]
    assert rows == [[11, 12]] * 3  # the same findings in every file, jedi's answers given by the first
    assert sorted(asked) == ["extpkg.make_scaler", "extpkg.traced"]
    assert not jedi_resolver.RUN_ANSWERS.enabled
    asked.clear()
    for _ in range(2):  # outside a run: each resolver asks for itself
        analyze(SCRIPT, str(project / "main.py"), Settings(), ProjectResolver([project], JediResolver(project), SUMMARIZER))
    assert sorted(asked) == ["extpkg.make_scaler", "extpkg.make_scaler", "extpkg.traced", "extpkg.traced"]
