"""`open(path, "rb")` makes a BufferedReader, not a TextIOWrapper: the error quoted is the one the running Python
gives for that class (3.10/3.11 "cannot pickle '_io.BufferedReader' object", 3.12+ "cannot pickle
'BufferedReader' instances"; pickle catalog `_io.BufferedReader`, probed per version), per mode."""
import pickle
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = textwrap.dedent("""
    import multiprocessing


    class Frames:
        def __init__(self, path):
            self.fh = open(path, MODE)

        def read(self, i):
            return i


    if __name__ == "__main__":
        frames = Frames(PATH)
        with multiprocessing.Pool(2) as pool:
            print(pool.map(frames.read, [1]))
""")


@pytest.mark.parametrize("mode", ['"rb"', '"wb"', '"ab"', '"r"'])  # (r+b, a BufferedRandom, is not probed yet)
def test_the_error_is_the_files_own(tmp_path, mode):
    path = tmp_path / "f.bin"
    path.write_bytes(b"x")
    [finding] = analyze(PROGRAM.replace("MODE", mode).replace("PATH", repr(str(path))), "case.py").findings
    with open(path, eval(mode)) as fh:
        try:
            pickle.dumps(fh)
        except TypeError as exc:
            actual = f"TypeError: {exc}"
    assert finding.message.endswith(actual)
