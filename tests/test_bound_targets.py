"""MP201/MP203 for an object of another project module's class whose method starts `Process(target=self.<m>)`
(python-cluster #33, fresh_reports21 pycluster33): under spawn and forkserver start() pickles the bound method with
its object, which keeps the lambda the caller gave its constructor. Also through a second class a method builds from
what the object keeps (`Site.build` making a `Renderer(self.page_filter, parallel=self.parallel)`), and only where the
parameter test the start is made under holds for the caller's arguments. Near misses: the serial path (the test
false for the caller's literal or the default), a module-level function. Proven under fork, spawn and forkserver."""
import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

RENDER = '''
    """A site builder whose renderer may render pages in a child process."""
    from multiprocessing import Process, Queue


    class Renderer:
        def __init__(self, page_filter, parallel=False):
            self.page_filter = page_filter
            self.parallel = parallel

        def _work(self, pages, out):
            out.put([self.page_filter(page) for page in pages])

        def render(self, pages):
            if self.parallel:
                out = Queue()
                child = Process(target=self._work, args=(pages, out))
                child.start()
                rendered = out.get()
                child.join()
                return rendered
            return [self.page_filter(page) for page in pages]


    class Site:
        def __init__(self, name, page_filter, parallel=False):
            self.name = name
            self.page_filter = page_filter
            self.parallel = parallel

        def build(self, pages):
            renderer = Renderer(self.page_filter, parallel=self.parallel)
            return renderer.render(pages)
'''

CLUSTER = '''
    from multiprocessing import Process, Queue


    class Matrix:
        def __init__(self, data, combine):
            self.data = data
            self.combine = combine

        def worker(self):
            for a, b in iter(self.tasks.get, None):
                self.done.put(self.combine(a, b))

        def compute(self, workers=1):
            parallel = workers > 1
            if parallel:
                self.tasks, self.done = Queue(), Queue()
                procs = [Process(target=self.worker) for _ in range(workers)]
                [p.start() for p in procs]
                for a in self.data:
                    self.tasks.put((a, a))
                out = [self.done.get() for _ in self.data]
                [self.tasks.put(None) for _ in procs]
                [p.join() for p in procs]
                return sorted(out)
            return sorted(self.combine(a, a) for a in self.data)


    class Clustering:
        def __init__(self, data, distance, workers=1):
            self.data = list(data)
            self.distance = distance
            self.workers = workers

        def levels(self):
            return Matrix(self.data, self.distance).compute(self.workers)
'''

SITE = '''
    from kit.render import Site


    def main():
        site = Site("blog", lambda page: page.upper(), parallel=True)
        print("RESULT=%s" % ",".join(site.build(["a", "b"])))


    if __name__ == "__main__":
        main()
'''

RENDERER = '''
    from kit.render import Renderer

    if __name__ == "__main__":
        print("RESULT=%s" % ",".join(Renderer(lambda page: page * 2, True).render(["a", "b"])))
'''

LEVELS = '''
    from kit.cluster import Clustering


    def run():
        serial = Clustering([1, 2, 3], lambda x, y: x + y).levels()
        parallel = Clustering([1, 2, 3], lambda x, y: x + y, workers=2).levels()
        return serial, parallel


    if __name__ == "__main__":
        print("RESULT=%s" % (run(),))
'''

PROGRAMS = {"site": ("kit/render.py", RENDER, SITE, "site.build("),
            "renderer": ("kit/render.py", RENDER, RENDERER, ".render("),
            "levels": ("kit/cluster.py", CLUSTER, LEVELS, "workers=2).levels()")}


def _root(tmp_path, key, caller=None):
    module, text, main, _row = PROGRAMS[key]
    return project(tmp_path, {"kit/__init__.py": "", module: text, "main.py": caller or main})


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_reported_at_the_method_call(tmp_path, key):
    root = _root(tmp_path, key)
    (finding,) = findings(root / "main.py", "MP201")
    _module, _text, main, row = PROGRAMS[key]
    assert row in main.splitlines()[finding.start.row - 1], finding
    assert set(finding.start_methods) == {"spawn", "forkserver"}
    assert "a lambda" in finding.message


NEAR = {
    "site": [SITE.replace(", parallel=True)", ")"), SITE.replace(", parallel=True)", ", parallel=False)"),
             SITE.replace("lambda page: page.upper()", "str.upper")],
    "renderer": [RENDERER.replace("page * 2, True)", "page * 2, False)"),
                 RENDERER.replace("page * 2, True)", "page * 2)")],
    "levels": [LEVELS.replace(", workers=2)", ", workers=1)"),
               LEVELS.replace("lambda x, y: x + y, workers=2", "max, workers=2")],
}


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_near_misses_are_silent(tmp_path, key):
    for at, caller in enumerate(NEAR[key]):
        root = _root(tmp_path / str(at), key, caller)
        assert findings(root / "main.py", "MP201") == [], caller


def test_an_argument_not_known_is_silent(tmp_path):
    caller = SITE.replace("parallel=True)", "parallel=bool(__import__('os').environ.get('PAR')))")
    root = _root(tmp_path, "site", caller)
    assert findings(root / "main.py", "MP201") == []


@pytest.mark.parametrize("method", ("fork", "spawn", "forkserver"))
@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_runtime(tmp_path, method, key):
    root = _root(tmp_path / "hazard", key)
    out = run_program(root / "main.py", method, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and ("pickle" in out.stderr.lower() or "local object" in out.stderr), out.stderr
    for at, caller in enumerate(NEAR[key]):
        root = _root(tmp_path / f"near{at}", key, caller)
        out = run_program(root / "main.py", method, cwd=root)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (caller, out.stderr)
