"""MP208's copyreg fix for exception classes another project module raises (session 22):

* every class one raise may build is registered at once (sh #439: `raise _BY_CODE.get(code, ErrorReturnCode)(...)`
  builds any of three; copyreg looks a class up by its exact type, so registering the first alone left the program
  failing: fresh_reports15 sh439_lint_farm_error_return_code);
* a class of several bases, each of the project or a builtin exception (python-can #1341's ICSInitializationError);
* a class raised two modules away (google-genai #572: models.py calls errors.py's raise), imported from the module
  whose file raises it;
* an exception caught in a Process and put on a Queue (inspect_scout #616): the put pickles it with the registration.

Near misses: a base of another library, a class with its own pickling. Each fixed program is run under fork, spawn
and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program
from mpguard.fixes.apply import apply_edits, parses
from test_semantic_crossmodule import findings, project

SHELL = """
    import subprocess


    class CommandFailed(Exception):
        def __init__(self, argv, stdout, stderr):
            self.argv, self.stdout, self.stderr = argv, stdout, stderr
            super().__init__("ran %r: %s" % (argv, stderr[:40]))


    class Exit1(CommandFailed):
        code = 1


    class Exit2(CommandFailed):
        code = 2


    _CLASSES = {1: Exit1, 2: Exit2}


    def run(argv):
        proc = subprocess.run(argv, capture_output=True)
        if proc.returncode:
            raise _CLASSES.get(proc.returncode, CommandFailed)(argv, proc.stdout, proc.stderr)
        return proc.stdout
"""

SHELL_MAIN = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit import shell


    def check(code):
        return shell.run([sys.executable, "-c", "import sys; sys.exit(%d)" % code])


    def main():
        codes = {}
        with ProcessPoolExecutor(2) as pool:
            futures = {c: pool.submit(check, c) for c in (0, 1, 2, 3)}
            for c, future in futures.items():
                try:
                    future.result(timeout=60)
                    codes[c] = "ok"
                except shell.CommandFailed as exc:
                    codes[c] = type(exc).__name__
        print("RESULT=%s" % sorted(codes.items()))
        return 0 if codes == {0: "ok", 1: "Exit1", 2: "Exit2", 3: "CommandFailed"} else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def fixed(path, code="MP208"):
    found = [f for f in findings(path, code) if f.fix is not None]
    assert found, findings(path, code)
    out = apply_edits(path.read_text(), found[0].fix.edits)
    assert parses(out)
    return out


def test_every_class_a_raise_may_build_is_registered(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/shell.py": SHELL, "main.py": SHELL_MAIN})
    out = fixed(root / "main.py")
    assert "from kit.shell import Exit1, Exit2, CommandFailed\n" in out
    for name in ("Exit1", "Exit2", "CommandFailed"):
        assert f"\ncopyreg.pickle({name}, _reduce_exception)\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP208") == []


def test_no_fix_when_one_of_the_classes_builds_itself_its_own_way(tmp_path):
    # (its __setattr__ would run for the reducer's state: registering the other two alone would not help)
    own = SHELL.replace("    class Exit2(CommandFailed):\n        code = 2\n",
                        "    class Exit2(CommandFailed):\n        code = 2\n\n        def __setattr__(self, name, value):\n"
                        "            object.__setattr__(self, name, value)\n")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/shell.py": own, "main.py": SHELL_MAIN})
    assert all(f.fix is None for f in findings(root / "main.py", "MP208"))


BASES = """
    class DeviceError(Exception):
        def __init__(self, code, short, long):
            super().__init__("%s. %s" % (short, long), code)
            self.short, self.long = short, long


    class Unreachable(OSError_OR_PROJECT):
        pass


    class InitError(DeviceError, Unreachable):
        pass


    def open_device(serial):
        if serial.startswith("X"):
            raise InitError(7, "not found", "no device " + serial)
        return serial.lower()
"""

BASES_MAIN = """
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from kit.devices import open_device


    def probe(serial):
        return open_device(serial)


    def main():
        offline = []
        with ProcessPoolExecutor(2) as pool:
            futures = [(s, pool.submit(probe, s)) for s in ("A1", "X2")]
            for serial, future in futures:
                try:
                    future.result(timeout=60)
                except Exception as exc:
                    offline.append((serial, type(exc).__name__, exc.short))
        print("RESULT=%s" % offline)
        return 0 if offline == [("X2", "InitError", "not found")] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def bases_root(tmp_path, base="Exception"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/devices.py": BASES.replace("OSError_OR_PROJECT", base),
                              "main.py": BASES_MAIN})


def test_a_class_of_several_bases_of_the_project(tmp_path):
    root = bases_root(tmp_path)
    out = fixed(root / "main.py")
    assert "\ncopyreg.pickle(InitError, _reduce_exception)\n" in out


def test_no_fix_when_a_base_is_of_another_library(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/devices.py": "import requests\n" + BASES.replace(
        "OSError_OR_PROJECT", "requests.RequestException"), "main.py": BASES_MAIN})
    assert all(f.fix is None for f in findings(root / "main.py", "MP208"))


ERRORS = """
    class APIError(Exception):
        def __init__(self, code, response_json):
            self.code = code
            self.details = response_json
            super().__init__("%d %s" % (code, response_json.get("message")))


    class ClientError(APIError):
        pass


    def raise_for(code, body):
        if code >= 400:
            raise ClientError(code, body)
"""

MODELS = """
    from kit.errors import raise_for


    class Models:
        def generate(self, prompt):
            if "bad" in prompt:
                raise_for(400, {"message": "invalid prompt"})
            return prompt.upper()
"""

MODELS_MAIN = """
    import sys
    from multiprocessing import Pool

    from kit.models import Models


    def summarize(prompt):
        return Models().generate(prompt)


    def main():
        errors = []
        with Pool(2) as pool:
            for prompt in ("hello", "bad one"):
                try:
                    pool.apply_async(summarize, (prompt,)).get(timeout=60)
                except Exception as exc:
                    errors.append(exc.code)
        print("RESULT=%s" % errors)
        return 0 if errors == [400] else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def models_root(tmp_path):
    return project(tmp_path, {"kit/__init__.py": "", "kit/errors.py": ERRORS, "kit/models.py": MODELS,
                              "main.py": MODELS_MAIN})


def test_a_class_raised_two_modules_away_is_imported_from_its_module(tmp_path):
    root = models_root(tmp_path)
    out = fixed(root / "main.py")
    assert "from kit.errors import ClientError\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP208") == []


PROVIDER = """
    class StatusError(Exception):
        def __init__(self, message, *, status, body):
            super().__init__(message)
            self.status = status
            self.body = body


    class Model:
        def score(self, text):
            if "fail" in text:
                raise StatusError("overloaded", status=529, body={"type": "overloaded"})
            return len(text)
"""

QUEUE_MAIN = """
    import multiprocessing
    import sys

    from kit.provider import Model


    def worker(texts, queue):
        model = Model()
        try:
            for text in texts:
                queue.put(model.score(text))
        except Exception as ex:
            queue.put(ex)
            return
        queue.put(None)


    def main():
        queue = multiprocessing.Queue()
        proc = multiprocessing.Process(target=worker, args=(["a", "fail"], queue))
        proc.start()
        items = [queue.get(timeout=60), queue.get(timeout=60)]
        proc.join(timeout=60)
        print("RESULT=%s" % [getattr(i, "status", i) for i in items])
        return 0 if items[0] == 1 and items[1].status == 529 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def queue_root(tmp_path):
    return project(tmp_path, {"kit/__init__.py": "", "kit/provider.py": PROVIDER, "main.py": QUEUE_MAIN})


def test_an_exception_put_on_a_queue_is_registered(tmp_path):
    root = queue_root(tmp_path)
    out = fixed(root / "main.py")
    assert "from kit.provider import StatusError\n" in out
    (root / "main.py").write_text(out)
    assert findings(root / "main.py", "MP208") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("build", ["shell", "bases", "models", "queue"])
def test_runtime(tmp_path, method, build):
    if build == "shell":
        root = project(tmp_path, {"kit/__init__.py": "", "kit/shell.py": SHELL, "main.py": SHELL_MAIN})
    else:
        root = {"bases": bases_root, "models": models_root, "queue": queue_root}[build](tmp_path)
    if build != "models":  # (a Pool whose result cannot be rebuilt hangs: only the fixed program is run)
        before = run_program(root / "main.py", method, timeout=120, cwd=root)
        assert before.returncode != 0
    (root / "main.py").write_text(fixed(root / "main.py"))
    after = run_program(root / "main.py", method, timeout=120, cwd=root)
    assert after.returncode == 0, after.stdout + after.stderr
