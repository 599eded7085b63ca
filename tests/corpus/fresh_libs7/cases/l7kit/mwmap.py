"""Dump processing in the shape of mwxml.map and para.map (mwxml/map/map.py, para/map.py).

`map` wraps the user's processor in a local `process_path` and hands it to one Process per
path; `map_bound` hands over a module-level function bound with functools.partial instead."""
import functools
import multiprocessing as mp
import queue as queue_mod


class Page:
    def __init__(self, id, namespace, title):
        self.id = id
        self.namespace = namespace
        self.title = title


class Dump:
    def __init__(self, pages):
        self._pages = pages

    @classmethod
    def from_file(cls, path):
        pages = []
        with open(path) as f:
            for line in f:
                pid, ns, title = line.rstrip("\n").split("|")
                pages.append(Page(int(pid), int(ns), title))
        return cls(pages)

    def __iter__(self):
        return iter(self._pages)


def _map_single_item(process, item, output):
    for value in process(item):
        output.put(value)
    output.put(StopIteration)


def para_map(process, items, mappers=None):
    output = mp.Queue()
    procs = []
    for item in items:
        map_process = mp.Process(target=_map_single_item, args=(process, item, output))
        map_process.start()
        procs.append(map_process)
    remaining = len(procs)
    while remaining:
        try:
            value = output.get(timeout=5)
        except queue_mod.Empty:
            break
        if value is StopIteration:
            remaining -= 1
        else:
            yield value
    for p in procs:
        p.join()


def map(process, paths, threads=None):
    def process_path(path):
        dump = Dump.from_file(path)
        yield from process(dump, path)

    yield from para_map(process_path, paths, mappers=threads)


def _process_path(process, path):
    dump = Dump.from_file(path)
    yield from process(dump, path)


def map_bound(process, paths, threads=None):
    yield from para_map(functools.partial(_process_path, process), paths, mappers=threads)
