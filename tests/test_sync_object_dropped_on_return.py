"""MP206 for a Lock/Semaphore/Value/Queue made in a function, handed only to the Processes it starts, when the function
returns without waiting for them: its last reference goes with the function (tum_video_scraper #9/#14; fresh_reports4
args_tumvideo_semaphore_dropped_on_return and its near miss args_ok_tumvideo_join_before_return, run under fork, spawn
and forkserver)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
import os
import time
from multiprocessing import Process, Semaphore


def download(folder, semaphore):
    with semaphore:
        os.makedirs(folder, exist_ok=True)


def main(out):
    semaphore = Semaphore(2)
    started = []
    for subject in ("a", "b"):
        process = Process(target=download, args=(os.path.join(out, subject), semaphore))
        process.start()
        started.append(process)
{tail}
    print(len(started))


if __name__ == "__main__":
    main("/tmp/out")
"""


def mp206(tail: str = "") -> list:
    source = PROGRAM.replace("{tail}", tail)
    return [f for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP206"]


def test_returns_without_waiting():
    [finding] = mp206()
    assert finding.start.row == 16 and "Semaphore made in main()" in finding.message


@pytest.mark.parametrize("tail", [
    "    for p in started:\n        p.join()",
    "    time.sleep(1)",
    "    return semaphore",
    "    global KEPT\n    KEPT = semaphore",
])
def test_waits_or_keeps_it(tail):
    assert mp206(tail) == []
