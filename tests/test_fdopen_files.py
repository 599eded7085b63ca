"""`os.fdopen(fd, mode)` is `io.open(fd, mode)`: the same file classes as open(), chosen by the same mode
(getsolus/ypkg PR #145: a Config whose build log is `os.fdopen(fd, "w")` on a `tempfile.mkstemp()` descriptor,
handed to Processes). `io.open_code(path)` opens a BufferedReader (pickle catalog factory)."""
from __future__ import annotations

import pytest
from helpers import found, run_program

CONFIG = """
    import multiprocessing
    import os
    import tempfile


    class Config:
        def __init__(self):
            fd, self.log_path = tempfile.mkstemp()
            self.log = OPEN


    def examine(config):
        print("examined", config is not None)


    if __name__ == "__main__":
        config = Config()
        proc = multiprocessing.Process(target=examine, args=(PASSED,))
        proc.start()
        proc.join()
        os.unlink(config.log_path)
"""


def program(opened='os.fdopen(fd, "w")', passed="config"):
    return CONFIG.replace("OPEN", opened).replace("PASSED", passed)


@pytest.mark.parametrize("opened,word", [('os.fdopen(fd, "w")', "TextIOWrapper"),
                                         ('os.fdopen(fd, "wb")', "BufferedWriter"),
                                         ("os.fdopen(fd)", "TextIOWrapper"),
                                         ("io.open_code(self.log_path)", "BufferedReader")])
def test_an_object_holding_the_file_is_found(opened, word):
    src = program(opened).replace("import os\n", "import io\n    import os\n")
    [finding] = found(src, "MP203")
    assert ".log is an open file" in finding.message or "BufferedReader" in finding.message, finding.message
    assert word in finding.message, finding.message


@pytest.mark.parametrize("variant", [
    {"passed": "config.log_path"},              # the path crosses, not the file
    {"opened": "fd"},                           # the descriptor number: an int
    {"opened": 'os.fdopen(fd, "w").name'},      # an attribute of the file, not the file
])
def test_near_misses_stay_silent(variant):
    assert found(program(**variant), "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("passed", ["config", "config.log_path"])
def test_runtime(tmp_path, method, passed):
    import textwrap
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(program(passed=passed)))
    out = run_program(path, method, timeout=120)
    if passed == "config" and method != "fork":
        assert out.returncode != 0 or "Traceback" in out.stderr, out.stderr
        assert "cannot pickle" in out.stderr and "TextIOWrapper" in out.stderr, out.stderr
    else:
        assert "Traceback" not in out.stderr and "examined True" in out.stdout, out.stderr
