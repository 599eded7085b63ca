"""Models added for the misses and the false alarm of the blind corpus tests/corpus/fresh_realistic2 (issue 12,
session 8), each with its near miss. The corpus runs every program under fork, spawn and forkserver on 3.11,
3.12 and 3.13 (its results*.json); these check the models on source strings."""
import textwrap

from helpers import at_import_copy, codes, methods, rows, sent_back_copy

DAEMON_FLAG = """
import multiprocessing

def features_of(s):
    return s.split()

def featurize(sentences):
    {flag}
    if in_daemon or len(sentences) < 10:
        return [features_of(s) for s in sentences]
    with multiprocessing.Pool(2) as pool:
        return pool.map(features_of, sentences)

def build_split(item):
    return featurize(item)

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(build_split, [["a b"] * 20]))
"""


def test_a_pool_behind_a_flag_read_from_current_process_daemon_is_not_reached_in_a_worker():
    assert codes(DAEMON_FLAG.replace("{flag}", "in_daemon = multiprocessing.current_process().daemon")) == set()
    assert "MP413" in codes(DAEMON_FLAG.replace("{flag}", "in_daemon = False"))


FINDITER = """
import multiprocessing
import re

LINE = re.compile(r"(?P<status>\\d{3})")

def first_failure(text):
    summary = {"first": None}
    for match in {iterable}:
        if int(match["status"]) >= 400:
            summary["first"] = {kept}
            break
    return summary

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(first_failure, ["200 500"]))
"""


def test_each_item_of_finditer_is_an_re_match_pickle_refuses():
    for iterable in ("LINE.finditer(text)", 're.finditer(r"(?P<status>\\d{3})", text)'):
        src = FINDITER.replace("{iterable}", iterable).replace("{kept}", "match")
        assert rows(src, "MP207") == [13]
        assert methods(src, "MP207") == {"fork", "spawn", "forkserver"}
    assert codes(FINDITER.replace("{iterable}", "LINE.finditer(text)").replace("{kept}", "match.group(0)")) == set()


PLAN = """
import multiprocessing
import threading
from collections import defaultdict

def upload(bucket, path, lock):
    return path

def plan_uploads(paths):
    locks = {}
    plan = defaultdict(list)
    for path in paths:
        bucket = path.split("/")[0]
        lock = locks.setdefault(bucket, {lock})
        plan[bucket].append((bucket, path, lock))
    return plan

if __name__ == "__main__":
    plan = plan_uploads(["a/1", "b/2"])
    jobs = [job for bucket in sorted(plan) for job in plan[bucket]]
    with multiprocessing.Pool(2) as pool:
        print(pool.starmap(upload, jobs))
"""


def test_a_defaultdict_of_lists_holds_what_is_appended_to_a_missing_key():
    src = PLAN.replace("{lock}", "threading.Lock()")
    assert rows(src, "MP203") == [22]
    assert codes(PLAN.replace("{lock}", "None")) == set()


def _project(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _findings(path):
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings
    return [f for f in analyze_path(path, Settings(), project_root=path.parent).findings if not sent_back_copy(f)]


SETTINGS = """
    OUTPUT_DIR = None

    def configure(output_dir):
        global OUTPUT_DIR
        OUTPUT_DIR = output_dir

    def output_path(name):
        return None if OUTPUT_DIR is None else OUTPUT_DIR + "/" + name
"""

REPORT = """
    import multiprocessing
    from kit import settings

    def write(region):
        return settings.output_path(region)

    if __name__ == "__main__":
        settings.configure("/tmp/out")
        with multiprocessing.Pool(2{init}) as pool:
            print(pool.map(write, ["north", "south"]))
"""


def test_a_pool_initializer_that_sets_the_other_modules_global_again_is_fine(tmp_path):
    """The workers run `settings.configure` first (the initializer), so a spawned worker has the value too."""
    root = _project(tmp_path, {"kit/__init__.py": "", "kit/settings.py": SETTINGS,
                               "main.py": REPORT.replace("{init}", ', initializer=settings.configure, initargs=("/tmp/out",)')})
    assert _findings(root / "main.py") == []
    (root / "main.py").write_text(textwrap.dedent(REPORT.replace("{init}", "")))
    assert [f.code for f in _findings(root / "main.py")] == ["MP302"]


CLIENTS = """
    import threading

    class Client:
        def __init__(self, url):
            self.url = url
            self._lock = threading.Lock()

    class SharedClient(Client):
        def __getstate__(self):
            state = self.__dict__.copy()
            del state["_lock"]
            return state

        def __setstate__(self, state):
            self.__dict__.update(state)
            self._lock = threading.Lock()

    def make_client(url, shared=False):
        cls = SharedClient if shared else Client
        return cls(url)
"""

SYNC = """
    import multiprocessing
    from kit.clients import make_client

    def sync(client, q):
        q.put(client.url)

    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=sync, args=(make_client("u"{shared}), q))
        p.start()
        print(q.get())
        p.join()
"""


def test_a_class_chosen_by_a_parameter_is_judged_under_that_choice(tmp_path):
    """`cls = SharedClient if shared else Client`: shared=True gives the subclass whose __getstate__ drops
    the lock (fine); the default gives the lock (refused under spawn and forkserver)."""
    root = _project(tmp_path, {"kit/__init__.py": "", "kit/clients.py": CLIENTS,
                               "main.py": SYNC.replace("{shared}", ", shared=True")})
    assert _findings(root / "main.py") == []
    (root / "main.py").write_text(textwrap.dedent(SYNC.replace("{shared}", "")))
    assert [f.code for f in _findings(root / "main.py")] == ["MP203"]


ERRORS = """
    class FetchError(Exception):
        def __init__(self, url, status):
            super().__init__(f"{url} answered {status}")
            self.url = url
            self.status = status

    class ParseError(Exception):
        def __init__(self, source, line_no):
            super().__init__(source, line_no)
"""

FEEDS = """
    from concurrent.futures import ProcessPoolExecutor
    from kit.errors import {cls}

    def check(url):
        if url.endswith("sport"):
            raise {cls}(url, 503)
        return url

    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as pool:
            print([f.result() for f in [pool.submit(check, u) for u in ("news", "sport")]])
"""


def test_an_exception_class_of_another_module_raised_in_a_task(tmp_path):
    """FetchError passes one message up: the parent cannot rebuild it (BrokenProcessPool under every
    method, tests/corpus/fresh_realistic2b's crossmodule_fetch_error_custom_init); ParseError passes both."""
    root = _project(tmp_path, {"kit/__init__.py": "", "kit/errors.py": ERRORS,
                               "main.py": FEEDS.replace("{cls}", "FetchError")})
    [finding] = _findings(root / "main.py")
    assert finding.code == "MP208" and "(from kit.errors)" in finding.message and finding.start.row == 7
    (root / "main.py").write_text(textwrap.dedent(FEEDS.replace("{cls}", "ParseError")))
    assert _findings(root / "main.py") == []


VALIDATE = """
import multiprocessing

class ValidationError(Exception):
    def __init__(self, row, reason):
        super().__init__({up})
        self.row = row
        self.reason = reason

def check_row(row):
    problems = []
    if row < 0:
        problems.append(ValidationError(row, "negative"))
    return problems

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(check_row, [1, -1]))
"""


def test_an_exception_returned_inside_a_list_cannot_be_rebuilt_either():
    src = VALIDATE.replace("{up}", 'f"row {row}: {reason}"')
    assert rows(src, "MP207") == [14]
    assert methods(src, "MP207") == {"fork", "spawn", "forkserver"}
    assert codes(VALIDATE.replace("{up}", "row, reason")) == set()


NAMESPACE = """
import multiprocessing
from argparse import Namespace

def work(config, out):
    out.put([t(1) for t in config.transforms])

def run(config):
    out = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(config, out))
    p.start()
    print(out.get())
    p.join()

def double(x):
    return 2 * x

if __name__ == "__main__":
    def conditional(x):
        return x
    run(Namespace(n=4, transforms=[{transform}]))
"""


def test_a_namespace_holds_its_keywords_as_attributes():
    """CogLTX#2 (tests/corpus/fresh_reports3): a function of the main block kept in a Namespace handed to a
    Process: spawned children cannot find it (AttributeError on __mp_main__)."""
    src = NAMESPACE.replace("{transform}", "conditional")
    assert "MP202" in codes(src)
    assert methods(src, "MP202") == {"spawn", "forkserver"}
    assert codes(NAMESPACE.replace("{transform}", "double")) == set()


PARSE = """
    class RowError(Exception):
        def __init__(self, lineno, reason):
            super().__init__(f"line {lineno}: {reason}")

    def parse_line(item):
        lineno, line = item
        if not line.isdigit():
            raise RowError(lineno, "not a number")
        return int(line)

    def parse_plain(item):
        return item
"""

RUNNER = """
    from concurrent.futures import ProcessPoolExecutor

    def parse_all(lines, parser):
        with ProcessPoolExecutor(2) as pool:
            return list(pool.map(parser, list(enumerate(lines))))
"""

PARSE_MAIN = """
    from kit.parse import {task}
    from kit.runner import parse_all

    if __name__ == "__main__":
        print(parse_all(["1", "x"], {task}))
"""


def test_a_function_of_a_third_module_that_a_helper_runs_as_a_task_may_raise(tmp_path):
    root = _project(tmp_path, {"kit/__init__.py": "", "kit/parse.py": PARSE, "kit/runner.py": RUNNER,
                               "main.py": PARSE_MAIN.replace("{task}", "parse_line")})
    # at the call, and at the import of kit.parse, where the raise is (report_at_origin)
    copy, finding = sorted(_findings(root / "main.py"), key=lambda f: f.start.row)
    assert finding.code == "MP208" and "kit.runner.parse_all() runs as a pool task" in finding.message
    assert copy.code == "MP208" and at_import_copy(copy)
    (root / "main.py").write_text(textwrap.dedent(PARSE_MAIN.replace("{task}", "parse_plain")))
    assert _findings(root / "main.py") == []


STATE = """
    SETTINGS = None

    def configure(settings):
        global SETTINGS
        SETTINGS = settings

    def current():
        return SETTINGS
"""

SCALE = """
    import multiprocessing
    from kit import state

    def scaled(batch):
        return sum(batch) * state.current()

    def totals(batches):
        with multiprocessing.Pool(2{init}) as pool:
            return pool.map(scaled, batches)
"""

TOTALS_MAIN = """
    from kit import state
    from kit.tasks import totals

    if __name__ == "__main__":
        state.configure(3)
        print(totals([[1, 2], [3]]))
"""


def test_a_global_set_by_a_setter_and_read_in_a_task_another_module_maps_on_its_pool(tmp_path):
    """Spawned workers re-import kit.state: `current()` gives None there (TypeError), unless the helper's
    pool sets it again in its initializer."""
    root = _project(tmp_path / "plain", {"kit/__init__.py": "", "kit/state.py": STATE,
                                         "kit/tasks.py": SCALE.replace("{init}", ""), "main.py": TOTALS_MAIN})
    # (at the parent's setter call, up to the hand-over on the next line: the oracle's anchor for parent state)
    assert [(f.code, f.start.row, f.end.row) for f in _findings(root / "main.py")] == [("MP302", 6, 7)]
    init = ", initializer=state.configure, initargs=(state.current(),)"
    root = _project(tmp_path / "init", {"kit/__init__.py": "", "kit/state.py": STATE,
                                        "kit/tasks.py": SCALE.replace("{init}", init), "main.py": TOTALS_MAIN})
    assert _findings(root / "main.py") == []


def test_a_script_function_named_test_star_handed_to_a_pool_is_a_task_not_a_test():
    """face_recognition's cli (fresh_reports3): `test_image` is mapped on the pool; the global `main()` set
    before is None in spawned workers (TypeError). In a test module, test_* functions are the parent's."""
    src = textwrap.dedent("""
        import multiprocessing

        known_names = None

        def test_image(image):
            return len(known_names)

        def main(images):
            global known_names
            known_names = ["alice"]
            with multiprocessing.Pool(2) as pool:
                return pool.map(test_image, images)

        if __name__ == "__main__":
            print(main([1]))
    """)
    assert rows(src, "MP302") == [11]
    assert methods(src, "MP302") == {"spawn", "forkserver"}


def test_an_attribute_set_on_a_parsed_namespace_is_pickled_with_it():
    """copyparty#113 (fresh_reports3): `args.ipa_nm = NetMap(...)` after parse_args, the namespace handed
    to a Process of an explicit spawn context: its lock fails under every default."""
    src = textwrap.dedent("""
        import argparse
        import multiprocessing as mp
        import threading

        class NetMap:
            def __init__(self, cidrs):
                self.mutex = {lock}

        def worker(args):
            print(bool(args.nm))

        if __name__ == "__main__":
            args = argparse.ArgumentParser().parse_args([])
            args.nm = NetMap("10.0.0.0/8")
            p = mp.get_context("spawn").Process(target=worker, args=(args,))
            p.start()
            p.join()
    """)
    assert rows(src.replace("{lock}", "threading.Lock()"), "MP203") == [16]
    assert methods(src.replace("{lock}", "threading.Lock()"), "MP203") == {"fork", "spawn", "forkserver"}
    assert codes(src.replace("{lock}", "None")) == set()


RUN_PARALLEL = """
    import multiprocessing

    def run_parallel(func, items, workers=2):
        with multiprocessing.{pool}(workers) as pool:
            return pool.map(func, items)
"""

ARCHIVE = """
    from kit.runner import run_parallel

    def checksum(path):
        return len(path)

    def checksum_folder(folder):
        return folder, run_parallel(checksum, [folder + "/a", folder + "/b"])

    if __name__ == "__main__":
        print(run_parallel(checksum_folder, ["x", "y"]))
"""


def test_a_task_of_another_modules_pool_that_maps_on_that_pool_again(tmp_path):
    """fresh_realistic2b's archive checksummer: the Pool worker running checksum_folder calls run_parallel,
    whose Pool cannot start (daemonic processes are not allowed to have children) under every method.
    Reported where the worker starts it (as the shared oracle anchors a pool inside a pool worker)."""
    root = _project(tmp_path / "pool", {"kit/__init__.py": "", "kit/runner.py": RUN_PARALLEL.replace("{pool}", "Pool"),
                                        "main.py": ARCHIVE})
    [finding] = _findings(root / "main.py")
    assert finding.code == "MP413" and finding.start.row == 8
    # ProcessPoolExecutor workers are not daemonic: fine
    root = _project(tmp_path / "ppe", {"kit/__init__.py": "", "main.py": ARCHIVE, "kit/runner.py": RUN_PARALLEL.replace(
        "import multiprocessing", "import concurrent.futures as multiprocessing").replace("{pool}", "ProcessPoolExecutor")})
    assert _findings(root / "main.py") == []
