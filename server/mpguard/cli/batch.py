"""`mpguard check` over many files: the cache across runs first, then the files it cannot answer for, on
worker processes; each file's findings are handed on in the files' order as soon as they are known.

Workers receive paths and settings and send back the findings as plain dicts (the rendered form, not
the parsed file), and what the cache keeps about the analysis. They import only the linter.
"""
from __future__ import annotations

import os
from pathlib import Path

PARALLEL_THRESHOLD = 32
CHUNK = 8  # consecutive files (often one package) go to one worker, which then reuses its module summaries
# Where workers can be forked (see `_fork_context`), the run starts in this process and shares the files
# left with workers only after this much time: a small project is done before then (starting workers cost
# more than they saved: flake8, pebble), and a larger one's workers start with the project index this
# process has built so far (every worker used to build it again). This process goes on checking files
# next to them (`_alongside_workers`).
WARM_UP = float(os.environ.get("MPGUARD_WARM_UP", 0.15))  # (tests set 0: workers from the first file on)
# ... and only while this much source is left: a forked worker builds what the index still lacks, and a
# smaller rest was done sooner here. (With every file on two workers and this process waiting, joblib's
# 0.9 MB took 1.05 s in process and 1.7 s on workers under load; with one worker next to this process,
# joblib and billiard are done in two thirds of their time in process, measured as CPU time per process.)
FORK_BYTES = int(os.environ.get("MPGUARD_FORK_BYTES", 300_000))


FREEZE_EVERY = 64
YOUNG_LIMIT = 1_000_000  # objects made since the last freeze (and still alive) before one between files
_checked = 0


def check_one(job):
    """Runs in a worker: (path, findings as dicts, the cache's record, how many findings lost their fix).
    The file has its time budget (`cli.budget`), and the fixes its output shows are built here
    (`linter.lazy_fixes`)."""
    global _checked
    from mpguard.cli.budget import FileTimeout, time_budget
    from mpguard.cli.output import as_dict
    from mpguard.linter.files import check_path, failed
    from mpguard.linter.lazy_fixes import settle

    path, settings, root, wanted, *keep = job  # (keep: False when there is no cache to keep the record)
    if _checked == 0:
        _collect_less_often()
    try:
        with time_budget(settings.file_timeout):
            result, record = check_path(path, settings, root, fixes="lazy", keep=keep[0] if keep else True)
            result.findings, skipped = settle(result.findings, wanted, result.source.text if result.source else "")
    except FileTimeout as exc:
        after_timeout()
        result, record, skipped = failed(str(exc)), {"digest": None}, 0  # (not kept by the cache)
    items = [as_dict(str(path), f, result.source, settings.targets, result.cells) for f in result.findings]
    _checked += 1
    import gc

    gc.disable()  # (again: parso enables the collector after reading its cache, whatever it was before)
    if gc.get_count()[0] > YOUNG_LIMIT or _checked % FREEZE_EVERY == 0:  # (see `_collect_less_often`)
        # What outlives a file is the project index (module summaries, their syntax trees): moved out of
        # the collector's sight, so that its full collections stop scanning it again and again (13% of
        # the CPU over the stdlib; peak RSS unchanged). Only in `mpguard check`: a run is short.
        gc.freeze()
    return path, items, record, skipped


def _collect_less_often() -> None:
    """A file's analysis makes hundreds of thousands of short-lived objects (syntax trees, facts,
    findings as dicts) and almost no reference cycles; with the collector's default thresholds its young
    collections keep rescanning the file's live syntax tree, and a file of 2,000 findings spent more time
    in the collector than in `mpguard check`'s own work after the analysis. Even with thresholds of
    (20,000, 20, 100) the collector took a fifth of the time over mypy's source (peak RSS the same without
    it). So the automatic collector is off, and `check_one` freezes what lives between two files once
    `YOUNG_LIMIT` objects have been made since the last time (and every `FREEZE_EVERY` files). It used to
    collect the young generations then, which scanned every object made since (the project index: 0.6 s of
    distributed's 5 s, 0.9 s of dask's 12 s) to free what analyses and summaries left in reference cycles;
    they leave none now (tests/test_analysis_footprint.py), and what is left (a few thousand objects of
    jedi's and parso's on those two) is not worth the scan. Only in `mpguard check`: a short run (the
    language server keeps the defaults). The thresholds
    are raised all the same: a library may turn the collector on in the middle of a file (parso does,
    after reading its cache), and with the default thresholds it then cost more than it ever had
    (distributed's conftest.py: 1.4 s -> 2.1 s)."""
    import gc

    gc.set_threshold(20_000, 20, 100)
    gc.disable()


def after_timeout() -> None:
    """An interrupted jedi call may have left jedi's helper process mid-answer: the next file starts afresh."""
    import sys

    module = sys.modules.get("mpguard.resolve.jedi_resolver")
    if module is not None:
        module.forget_environment()


def open_cache(no_cache: bool, folder: str | None, setting: Path | None, project_root: Path | None):
    """The cache for this run, or None with `--no-cache`."""
    if no_cache:
        return None
    from mpguard.linter.cache import Cache, default_folder

    return Cache(default_folder(project_root, folder, setting))


def checked(jobs: list, workers: int, cache=None):
    """(path, findings as dicts, how many findings lost their fix) for every job, in order. A job is
    (path, settings, project root, which fixes the output shows)."""
    from mpguard.linter.files import new_run
    from mpguard.linter.trees import TREES
    from mpguard.resolve.jedi_resolver import RUN_ANSWERS
    from mpguard.resolve.project import INDEX

    INDEX.new_epoch()  # (a second run in the same process: files may have changed since)
    new_run()
    TREES.clear()
    TREES.enabled = True  # (each text parsed once for every question about it: `linter.trees`)
    RUN_ANSWERS.clear()
    RUN_ANSWERS.enabled = True  # (jedi's answers shared by the run's files: `resolve.jedi_resolver.RunAnswers`)
    answers: dict[int, list] = {}
    keys: dict[int, str] = {}
    if cache is not None:
        answers, keys = _from_cache(jobs, cache)
    todo = [job + (cache is not None,) for i, job in enumerate(jobs) if i not in answers]
    fresh = _fresh(todo, workers)
    try:
        for i, job in enumerate(jobs):
            if i in answers:
                yield job[0], _with_snippets(job[0], answers[i]), 0
                continue
            path, items, record, skipped = next(fresh)
            if cache is not None:
                cache.store(path, keys[i], record, [_without_filename(item) for item in items])
            yield path, items, skipped
    finally:
        fresh.close()  # (shuts its workers down)
        TREES.enabled = False  # (its trees are dropped by the next run: the CLI exits without tearing them down)
        RUN_ANSWERS.enabled = False
        if cache is not None:
            cache.save()


def _fresh(todo: list, workers: int):
    """`check_one` of every job, in order: in this process at first; once `WARM_UP` has passed with at
    least `PARALLEL_THRESHOLD` files left, the rest on forked workers. Without a safe fork, workers from the
    start, as before (the platform's default start method; each worker builds its own index)."""
    import time

    if workers < 2 or len(todo) < PARALLEL_THRESHOLD:
        yield from map(check_one, todo)
        return
    context = _fork_context()
    if context is None:
        yield from _on_workers(todo, workers, None)
        return
    started = time.monotonic()
    left = None  # bytes of source from each file on
    for done, job in enumerate(todo):
        if len(todo) - done >= PARALLEL_THRESHOLD and time.monotonic() - started >= WARM_UP:
            left = left or _bytes_left(todo)
            if left[done] >= FORK_BYTES and _no_threads(stop=True):
                yield from _alongside_workers(todo[done:], workers, context)
                return
        yield check_one(job)


def _bytes_left(todo: list) -> list:
    """Per job, the size of its file and of every file after it."""
    sizes = []
    for job in todo:
        try:
            sizes.append(os.path.getsize(job[0]))
        except OSError:
            sizes.append(0)
    for i in range(len(sizes) - 2, -1, -1):
        sizes[i] += sizes[i + 1]
    return sizes


def _alongside_workers(todo: list, workers: int, context):
    """`check_one` of every job, in order, on this process and `workers - 1` forked ones: this process
    goes on from the front with the project index it has built, each worker claims chunks of `CHUNK` files
    from the back (`_from_the_back`) until the two ends meet. (With every file on forked workers, this
    process waited for them, and each built the index the other had built too: as the files are in order,
    one package's at a time, the two ends read different packages.) The ends are two numbers in shared
    memory, claimed under its lock: a worker never waits for this process to hand it work (it did while
    this process checked a long file: distributed's worker idled for half the run), and this process waits
    at the end for at most the chunk a worker is on. The findings of the files the workers checked are
    handed on once this process has reached them."""
    import gc
    from concurrent.futures import ProcessPoolExecutor

    global _ENDS, _TODO
    ends = _ENDS = context.Array("i", [0, len(todo)])  # (the next job here, the first job a worker claimed)
    _TODO = todo  # (the workers are forked: they read it, and the ends, from here)
    gc.freeze()  # (the workers share this process's objects without copying them as the collector looks)
    pool = ProcessPoolExecutor(workers - 1, mp_context=context, initializer=after_timeout)
    try:
        tasks = [pool.submit(_from_the_back) for _ in range(workers - 1)]
        while True:
            with ends.get_lock():
                at = ends[0]
                if at >= ends[1]:
                    break
                ends[0] = at + 1
            yield check_one(todo[at])
        chunks = sorted((chunk for task in tasks for chunk in task.result()), key=lambda chunk: chunk[0])
        for _start, results in chunks:
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)
        _ENDS = _TODO = None


_ENDS = None  # the ends of `_alongside_workers`' list while it runs
_TODO: list | None = None


def _from_the_back() -> list:
    """Runs in a worker: (the place of a chunk's first job, `check_one` of its jobs) for each chunk of
    `CHUNK` jobs it claimed from the back of the list, until the front (this process's) reaches it."""
    ends, todo, done = _ENDS, _TODO, []
    while True:
        with ends.get_lock():
            end = ends[1]
            start = max(end - CHUNK, ends[0])
            if start >= end:
                return done
            ends[1] = start
        done.append((start, [check_one(job) for job in todo[start:end]]))


def _on_workers(todo: list, workers: int, context):
    from concurrent.futures import ProcessPoolExecutor

    if context is not None:
        import gc

        gc.freeze()  # (the workers share this process's objects without copying them as the collector looks)
    pool = ProcessPoolExecutor(min(workers, max(1, len(todo) // CHUNK)), mp_context=context,
                               initializer=after_timeout if context is not None else None)
    try:
        yield from pool.map(check_one, todo, chunksize=CHUNK)
    finally:
        pool.shutdown(cancel_futures=True)


def _fork_context():
    """The fork start method on Linux, else None. Forking copies this process's project index into each
    worker for free. It is safe because `mpguard check` starts no thread of its own: the CLI, the linter
    and the cache run on the main thread (the threads in `lsp/` belong to the language server, another
    command). A library may start one (jedi's helper process is read by a thread): `_no_threads` is asked
    right before forking, and the run stays in this process if any other thread runs. Each worker then
    forgets jedi's helper process (`after_timeout`), whose pipes it would share with the others."""
    import sys

    if not sys.platform.startswith("linux"):
        return None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def _no_threads(stop: bool = False) -> bool:
    """Does this process run its main thread alone? `stop`: stop jedi's helper process first (its stderr is
    read by a thread); this process has no more use for it, and a worker starts its own when it needs one."""
    import sys
    import threading

    if threading.active_count() == 1:
        return True
    module = sys.modules.get("mpguard.resolve.jedi_resolver")
    if stop and module is not None:
        module.stop_helper()
    return threading.active_count() == 1


def _from_cache(jobs: list, cache) -> tuple[dict, dict]:
    from mpguard.linter.cache import file_key
    from mpguard.linter.files import package_of, resolver_for

    answers, keys = {}, {}
    folders: dict = {}  # (folder, project root) -> (resolver, package): the same for every file of a folder
    for i, (path, settings, root, wanted) in enumerate(jobs):
        place = (os.path.dirname(os.path.abspath(path)), root)
        if place not in folders:
            folders[place] = (resolver_for(path, root, fallback=None), package_of(path)[0])
        resolver, package = folders[place]
        # (the fixes a format shows are part of what is kept: a text run's findings carry fewer)
        keys[i] = key = file_key(settings, resolver.roots, package, os.fspath(path), wanted)
        found = cache.lookup(path, key, resolver)
        if found is not None:
            answers[i] = found
    return answers, keys


def with_snippets(items: list) -> list:
    """Findings moved to another file (`linter.sites`), with the source around each from that file."""
    out = []
    for path in dict.fromkeys(item["filename"] for item in items):
        out += _with_snippets(path, [_without_filename(item) for item in items if item["filename"] == path])
    return out


def _without_filename(item: dict) -> dict:
    return {k: v for k, v in item.items() if k != "filename"}


def _with_snippets(path, stored: list) -> list:
    """Findings from the cache, as a worker would have handed them on: with the source around each (the
    `full` output shows it; the cache keeps only what the JSON formats print). The file's text is what
    the cache just hashed."""
    from mpguard.cli.full import snippet_of
    from mpguard.cli.output import Item
    from mpguard.text.reading import read_regular
    from mpguard.text.findings import Position
    from mpguard.text.source import SourceText, decode_source

    items = [Item({"filename": str(path), **item}) for item in stored]
    if not items or str(path).endswith(".ipynb"):
        return items
    try:
        source = SourceText(decode_source(read_regular(path)))
    except Exception:  # noqa: BLE001  (read again a moment after it was hashed: shown without snippets)
        return items
    for item in items:
        start, end = item["location"], item["end_location"]
        item.snippet = snippet_of(source, Position(start["row"], start["column"] - 1),
                                  Position(end["row"], end["column"] - 1))
    return items
