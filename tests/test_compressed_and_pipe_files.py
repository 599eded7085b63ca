"""Open files the pickle catalog learnt in session 17 (issue 13): gzip/bz2/lzma files, a zip member opened with
`ZipFile.open`, `os.popen`'s pipe and a socket's `makefile()` all hold an open buffered file, which no Python
pickles (3.10-3.14: `cannot pickle '_io.BufferedReader' object` / `'BufferedReader' instances`; measured by
scripts/probe_pickle.py). Handed to a Pool task they fail under every start method; as Process args, under
spawn and forkserver. A path string handed instead, opened in the worker, is fine."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, found, methods, run_program

POOL = """
    import bz2
    import gzip
    import lzma
    import multiprocessing
    import os
    import sys
    import tempfile
    import zipfile


    def size(f):
        return len(f.read())


    def size_of(path):
        with gzip.open(path) as f:
            return len(f.read())


    def main():
        folder = tempfile.mkdtemp()
        path = os.path.join(folder, "data.gz")
        with gzip.open(path, "wb") as f:
            f.write(b"abcdef")
        with zipfile.ZipFile(os.path.join(folder, "a.zip"), "w") as z:
            z.writestr("member", "abc")
        for opener in (bz2.open, lzma.open):
            with opener(os.path.join(folder, "data"), "wb") as f:
                f.write(b"abc")
        with multiprocessing.Pool(1) as pool:
            print("RESULT=", pool.apply(WORK, (ARGUMENT,)))


    if __name__ == "__main__":
        sys.exit(main())
"""

OPENED = {
    "gzip.open(path)": "gzip.GzipFile",
    "gzip.GzipFile(path)": "gzip.GzipFile",
    "bz2.open(os.path.join(folder, 'data'))": "bz2.BZ2File",
    "lzma.LZMAFile(os.path.join(folder, 'data'))": "lzma.LZMAFile",
    "zipfile.ZipFile(os.path.join(folder, 'a.zip')).open('member')": "zipfile.ZipExtFile",
    "os.popen('echo hi')": "os._wrap_close",
}


def pool_program(argument, work="size"):
    return textwrap.dedent(POOL).replace("ARGUMENT", argument).replace("WORK", work)


@pytest.mark.parametrize("argument", sorted(OPENED))
def test_an_open_compressed_file_or_pipe_as_task_argument(argument):
    hits = found(pool_program(argument), "MP203")
    assert len(hits) == 1 and OPENED[argument].lstrip("_") in hits[0].message
    assert "cannot pickle" in hits[0].message


def test_the_path_opened_in_the_worker_is_silent():
    assert not found(pool_program("path", work="size_of"), "MP203")


SOCKET = """
    import multiprocessing
    import socket


    def first_line(f):
        return f.readline()


    def main():
        sock = socket.create_connection(("localhost", 8080))
        proc = multiprocessing.Process(target=first_line, args=(ARGUMENT,))
        proc.start()
        proc.join()


    if __name__ == "__main__":
        main()
"""


def test_a_socket_makefile_as_process_args():
    src = textwrap.dedent(SOCKET).replace("ARGUMENT", "sock.makefile()")
    assert methods(src, "MP203") == {"spawn", "forkserver"}


def test_the_socket_itself_is_handed_over():
    """Near miss: multiprocessing's ForkingPickler hands a socket over (its fd); its file object it does not."""
    src = textwrap.dedent(SOCKET).replace("ARGUMENT", "sock")
    assert not found(src, "MP203")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("argument,fails", [("gzip.open(path)", True),
                                             ("zipfile.ZipFile(os.path.join(folder, 'a.zip')).open('member')", True),
                                             ("os.popen('echo hi')", True),
                                             ("path", False)])
def test_runtime(tmp_path, method, argument, fails):
    program = tmp_path / "program.py"
    program.write_text(pool_program(argument, work="size_of" if argument == "path" else "size"))
    out = run_program(program, method)
    assert_outcome(out, fails, ("cannot pickle '_io.", "cannot pickle 'Buffered", "cannot pickle 'TextIOWrapper'"),
                   "RESULT= 6")
