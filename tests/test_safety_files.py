"""`mpguard check --fix` never loses the user's text (issue 19, "Data loss").

Each failure is simulated for real where the platform allows it (a file-size limit with `ulimit -f`, a
FIFO, a symlink to a device, a symlink out of the tree) and by a monkeypatched system call otherwise
(a full disk, an edit made while mpguard was working). Subprocess timeouts only guard against hangs.
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from mpguard.cli import main
from mpguard.text import reading
from mpguard.text.reading import UnreadableFile, read_regular

cli_main_module = sys.modules["mpguard.cli.main"]  # the module (`mpguard.cli.main` is also the function)
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types and permissions")
LAMBDA = textwrap.dedent("""\
    import multiprocessing

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
    """)


def lambdas(count: int) -> str:
    """One `__main__` block with `count` lambdas sent to a pool: one fix per round (each lifts a function
    to the same place), so `count` rounds are needed."""
    lines = ["import multiprocessing", "", "if __name__ == '__main__':", "    pool = multiprocessing.Pool(2)"]
    lines += [f"    pool.map(lambda x: x + {i}, range(3))" for i in range(count)]
    return "\n".join(lines) + "\n"


def mpguard_command() -> list[str]:
    """The installed entry point (never `python -m mpguard`, which would put the cwd on sys.path)."""
    script = Path(sys.executable).with_name("mpguard")
    return [str(script)] if script.exists() else [sys.executable, "-I", "-m", "mpguard"]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".mpguard-fix"))


# ---------------------------------------------------------------------------------------------------------
# Writes are atomic


def test_a_full_disk_leaves_the_file_as_it_was(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.py").write_text(LAMBDA)
    temporary_fds: set[int] = set()
    real_mkstemp, real_write = tempfile.mkstemp, os.write

    def recording_mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        temporary_fds.add(fd)
        return fd, name

    def full_disk_write(fd, data):
        if fd in temporary_fds:
            real_write(fd, bytes(data)[:10])  # a part goes through, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(tempfile, "mkstemp", recording_mkstemp)
    monkeypatch.setattr(os, "write", full_disk_write)
    code, out, err = run(capsys, "check", "--fix", "w.py")
    assert temporary_fds, "the fixes were to be written to a temporary file"
    assert code == 1
    assert "w.py: cannot write the fixes (No space left on device); the file is unchanged" in err
    assert (tmp_path / "w.py").read_text() == LAMBDA
    assert "MP201" in out  # what was not fixed is still listed
    assert leftovers(tmp_path) == []


def test_a_failed_fsync_leaves_the_file_as_it_was(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "w.py").write_text(LAMBDA)

    def failing_fsync(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    code, _, err = run(capsys, "check", "--fix", "w.py")
    assert code == 1 and "cannot write the fixes" in err and "the file is unchanged" in err
    assert (tmp_path / "w.py").read_text() == LAMBDA and leftovers(tmp_path) == []


@POSIX
def test_a_file_size_limit_leaves_the_file_as_it_was(tmp_path):
    """`ulimit -f 4`: files may not grow past 4 KiB. The original fits, the fixed text does not."""
    if not shutil.which("bash"):
        pytest.skip("needs bash for ulimit")
    text = lambdas(30)
    text += "#" * (3_900 - len(text)) + "\n"
    target = tmp_path / "big.py"
    target.write_text(text)
    assert len(text) < 4096
    command = " ".join(f"'{part}'" for part in mpguard_command()) + " check --fix big.py"
    proc = subprocess.run(["bash", "-c", f"ulimit -f 4; {command}"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "big.py: cannot write the fixes (File too large); the file is unchanged" in proc.stderr
    assert target.read_text() == text  # before issue 19: truncated at 4 KiB and unparsable
    assert leftovers(tmp_path) == []
    proc = subprocess.run(mpguard_command() + ["check", "--fix", "big.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr  # without the limit: every lambda fixed in one run
    assert "fixed 30 finding(s)" in proc.stderr and len(target.read_text()) > 4096


@POSIX
def test_the_file_keeps_its_permissions_and_a_symlink_inside_the_tree_stays_a_link(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tool.py").write_text(LAMBDA)
    os.chmod(tmp_path / "tool.py", 0o750)
    (tmp_path / "real.py").write_text(LAMBDA)
    (tmp_path / "alias.py").symlink_to("real.py")
    code, _, err = run(capsys, "check", "--fix", "tool.py", "alias.py")
    assert code == 0, err
    assert stat.S_IMODE(os.stat(tmp_path / "tool.py").st_mode) == 0o750
    assert "lambda" not in (tmp_path / "tool.py").read_text()
    assert (tmp_path / "alias.py").is_symlink() and "lambda" not in (tmp_path / "real.py").read_text()
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------------------
# Only over the text that was analysed


def test_a_file_edited_during_the_run_is_not_overwritten(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "edited.py"
    target.write_text(LAMBDA)
    (tmp_path / "other.py").write_text(LAMBDA)
    users_text = LAMBDA + "\nprint('saved by the user while mpguard was fixing')\n"
    real_fix_all = cli_main_module.fix_all

    def fix_all_then_the_user_saves(text, check, **kwargs):
        result = real_fix_all(text, check, **kwargs)
        if not target.read_text().endswith("fixing')\n"):
            target.write_text(users_text)
        return result

    monkeypatch.setattr(cli_main_module, "fix_all", fix_all_then_the_user_saves)
    code, _, err = run(capsys, "check", "--fix", "edited.py", "other.py")
    assert code == 1
    assert "edited.py: it changed while mpguard was checking it; the fixes were not written" in err
    assert target.read_text() == users_text
    assert "lambda" not in (tmp_path / "other.py").read_text()  # the other file was still fixed
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------------------
# Never out of the checked tree


@POSIX
def test_fix_on_a_tree_does_not_follow_a_symlink_out_of_it(tmp_path, monkeypatch, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.py"
    victim.write_text(LAMBDA)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.py").symlink_to(victim)
    (tree / "own.py").write_text(LAMBDA)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--fix", "tree")
    assert code == 1
    assert "link.py: it leads to" in err and "outside the checked tree" in err
    assert victim.read_text() == LAMBDA  # before issue 19: rewritten
    assert "lambda" not in (tree / "own.py").read_text()
    # Named on the command line, the link is checked against its own folder: still not followed out.
    code, _, err = run(capsys, "check", "--fix", "tree/link.py")
    assert code == 1 and "outside the checked tree" in err and victim.read_text() == LAMBDA
    # --diff never writes, so it may show what the fixes would be.
    code, out, _ = run(capsys, "check", "--diff", "tree/link.py")
    assert code == 1 and "+def _task(x):" in out and victim.read_text() == LAMBDA


@POSIX
def test_a_symlinked_folder_named_on_the_command_line_is_the_tree(tmp_path, monkeypatch, capsys):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.py").write_text(LAMBDA)
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--fix", "alias")
    assert code == 0, err
    assert "lambda" not in (real / "a.py").read_text()


# ---------------------------------------------------------------------------------------------------------
# Only regular files are read, with a size cap


@POSIX
def test_read_regular_refuses_fifos_devices_folders_and_big_files(tmp_path):
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="FIFO"):
        read_regular(fifo)  # returns at once: before issue 19, `open()` waited for a writer forever
    zero = tmp_path / "zero.py"
    zero.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFile, match="character device"):
        read_regular(zero)
    with pytest.raises(UnreadableFile, match="a folder"):
        read_regular(tmp_path)
    (tmp_path / "big.py").write_bytes(b"x = 1\n" * 1000)
    with pytest.raises(UnreadableFile, match="larger than"):
        read_regular(tmp_path / "big.py", limit=100)
    assert read_regular(tmp_path / "big.py") == b"x = 1\n" * 1000
    with pytest.raises(UnreadableFile, match="No such file"):
        read_regular(tmp_path / "missing.py")


@POSIX
@pytest.mark.parametrize("mode", [[], ["--fix"], ["--diff"]])
def test_a_fifo_or_a_device_named_on_the_command_line_is_reported_not_read(tmp_path, mode):
    os.mkfifo(tmp_path / "fifo.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "bad.py").write_text(LAMBDA)
    proc = subprocess.run(mpguard_command() + ["check", *mode, "--output-format", "concise", "fifo.py", "zero.py",
                                               "bad.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)  # hung before issue 19
    report = proc.stdout + proc.stderr
    assert proc.returncode == 1, report
    assert "fifo.py:1:1: MP002 not read: it is a FIFO (named pipe), not a regular file" in report
    assert "zero.py:1:1: MP002 not read: it is a character device, not a regular file" in report
    assert "Traceback" not in report
    if mode != ["--fix"]:
        assert "bad.py" in report
    else:
        assert "lambda" not in (tmp_path / "bad.py").read_text()


@POSIX
def test_inside_folders_fifos_and_device_links_are_passed_over(tmp_path):
    os.mkfifo(tmp_path / "fifo.py")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "bad.py").write_text(LAMBDA)
    proc = subprocess.run(mpguard_command() + ["check", "--fix", "."], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "lambda" not in (tmp_path / "bad.py").read_text()


def test_a_file_over_the_size_cap_is_an_mp002_finding(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.py").write_text(LAMBDA)
    (tmp_path / "bad.py").write_text(LAMBDA)
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 64)
    for mode in ([], ["--fix"]):
        code, out, _ = run(capsys, "check", *mode, "--output-format", "concise", "big.py")
        assert code == 1 and out.startswith("big.py:1:1: MP002 not read: larger than 0 MiB")
        assert (tmp_path / "big.py").read_text() == LAMBDA


# ---------------------------------------------------------------------------------------------------------
# Fix-all converges, or says it stopped


def test_fix_converges_on_thirty_lambdas_in_one_block(tmp_path, monkeypatch, capsys):
    """Before issue 19: 10 rounds, 10 fixed, 20 left, silently; 3 runs were needed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "many.py").write_text(lambdas(30))
    code, _, err = run(capsys, "check", "--fix", "many.py")
    assert code == 0, err
    assert "fixed 30 finding(s)" in err and "stopped" not in err
    assert run(capsys, "check", "many.py")[0] == 0


def test_fix_says_when_it_stops_before_converging(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "many.py").write_text(lambdas(8))
    monkeypatch.setattr(cli_main_module, "FIX_ROUNDS", 3)
    code, out, err = run(capsys, "check", "--fix", "--output-format", "concise", "many.py")
    assert code == 1
    assert "many.py: stopped after 3 rounds of fixes with 5 fixable findings left; run `mpguard check --fix` again" in err
    assert "fixed 3 finding(s)" in err and out.count("MP201") == 5
    code, out, err = run(capsys, "check", "--diff", "many.py")  # --diff says it too
    assert code == 1 and "stopped after 3 rounds" in err
    (tmp_path / "piped.py").write_text(lambdas(8))
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": type("B", (), {
        "read": staticmethod(lambda: lambdas(8).encode())})()})())
    code, out, err = run(capsys, "check", "--fix", "-", "--stdin-filename", "piped.py")
    assert code == 1 and "piped.py: stopped after 3 rounds" in err
