"""The scheduler's whole-document check of an idle document edited incrementally (fakes, no server)."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from mpguard.text.findings import Finding, Position


@dataclass
class FakeOutcome:
    findings: list = field(default_factory=list)
    incremental: bool = False


def finding(row: int) -> Finding:
    return Finding("MP201", "m", Position(row, 0), Position(row, 1))


def make(verify_answer, versions):
    from mpguard.lsp.scheduler import Scheduler

    published = []
    scheduler = Scheduler(prepare=lambda uri: versions[-1],
                          analyse=lambda job: FakeOutcome([finding(1)], incremental=True),
                          publish=lambda uri, outcome: published.append(outcome),
                          is_current=lambda uri, job: job == versions[-1],
                          executor=ThreadPoolExecutor(1))
    scheduler.verify = lambda job: verify_answer
    scheduler.idle_seconds = 0.05
    return scheduler, published


async def settle(scheduler, uri="file:///a.py"):
    for _ in range(40):
        await asyncio.sleep(0.02)


async def test_an_idle_document_is_checked_whole_and_a_difference_is_published():
    full = FakeOutcome([finding(1), finding(2)])
    scheduler, published = make(full, [1])
    scheduler.invalidate("file:///a.py")
    await settle(scheduler)
    assert published[-1] is full and len(published) == 2


async def test_an_agreeing_whole_document_check_publishes_nothing_more():
    scheduler, published = make(FakeOutcome([finding(1)]), [1])
    scheduler.invalidate("file:///a.py")
    await settle(scheduler)
    assert len(published) == 1 and published[0].incremental


async def test_an_edit_before_the_document_is_idle_cancels_the_check():
    versions = [1]
    scheduler, published = make(FakeOutcome([finding(9)]), versions)
    scheduler.idle_seconds = 0.3
    scheduler.invalidate("file:///a.py")
    await asyncio.sleep(0.1)
    versions.append(2)
    scheduler.invalidate("file:///a.py")  # typing goes on
    await asyncio.sleep(0.1)
    assert all(p.incremental for p in published)


@dataclass
class JediOutcome:
    job: int
    findings: list = field(default_factory=list)
    needs_jedi: bool = True


async def test_an_edit_is_published_while_the_jedi_pass_of_the_old_text_still_runs():
    from mpguard.lsp.scheduler import Scheduler
    import threading

    versions, published, release = [1], [], threading.Event()

    def refine(job):  # the first jedi pass: blocked until the test lets it go
        release.wait(30)
        return JediOutcome(job, [finding(5)], needs_jedi=False)

    scheduler = Scheduler(prepare=lambda uri: versions[-1], analyse=lambda job: JediOutcome(job),
                          publish=lambda uri, outcome: published.append(outcome),
                          is_current=lambda uri, job: job == versions[-1], executor=ThreadPoolExecutor(1))
    scheduler.refine, scheduler.refine_executor = refine, ThreadPoolExecutor(1)
    scheduler.invalidate("file:///a.py")
    await settle(scheduler)
    assert [p.job for p in published] == [1]
    versions.append(2)
    scheduler.invalidate("file:///a.py")  # an edit while the jedi pass of version 1 runs
    await settle(scheduler)
    assert [p.job for p in published] == [1, 2]  # published without waiting for that pass
    release.set()
    await settle(scheduler)
    assert [p.job for p in published][:2] == [1, 2] and all(p.job == 2 for p in published[1:])
