#!/usr/bin/env python3
"""Ask the running Python which standard-library objects pickle (and so can cross a process boundary).

For each probe below the script builds a representative object the way user code usually makes it, then
records, for this interpreter's version ("3.11", ...):

* ``pickle``: does ``pickle.dumps(obj)`` succeed; if not, the exact ``Type: message``; if it does, whether
  ``pickle.loads(pickle.dumps(obj))`` round-trips (and the error when it does not); warnings raised meanwhile.
* ``forkingpickler``: the same with ``multiprocessing.reduction.ForkingPickler`` (what ``Pool``,
  ``Queue.put`` and ``Connection.send`` use), outside process spawning: it adds reducers for sockets,
  connections and file descriptors.
* ``cloudpickle`` and ``dill``: the same with ``cloudpickle.dumps``/``dill.dumps`` (and their ``loads``),
  when those packages can be imported (they are not dependencies of mpguard: install them in a private venv).

Each outcome is ``{"ok": true, "roundtrip": true}``, ``{"ok": true, "roundtrip": false, "roundtrip_error":
"Type: message"}`` or ``{"ok": false, "error": "Type: message"}``, plus ``"warnings"`` (``"Category: message"``,
sorted) when dumps/loads warned and ``"notes"`` when the exception carried ``__notes__`` (3.14's pickle does).

Messages are normalised so that regenerating gives identical bytes: addresses become ``0x...``, the probe's
temporary folder ``<tmp>``, other absolute paths ``...``, and the name of the module that holds the "user
code" (module-level functions and classes) ``{module}``.

The user code lives in an importable module (like a helper module next to the script), so cloudpickle and
dill pickle its module-level functions by reference, as they do for any importable module; only ``__main__``
is pickled by value by those two.

Usage (once per interpreter; ``--merge`` keeps the other versions already in the file)::

    ~/.pyenv/versions/3.11.7/bin/python scripts/probe_pickle.py --merge \\
        --out server/mpguard/semantic/data/pickle_catalog.json

The tests import this file by path (tests/test_pickle_catalog.py) and call :func:`probe_all`.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import re
import sys
import tempfile
import types
import gc
import warnings

SCHEMA = 1
# forkingpickler: multiprocessing.reduction.ForkingPickler (what Pool, Queue.put and Connection.send use),
# outside process spawning, with its reducers for sockets, connections and fds.
SERIALIZERS = ("pickle", "forkingpickler", "cloudpickle", "dill")
# dill finds some objects again by id among gc.get_objects() (dill._dill._locate_object: a weakref proxy's
# referent, when pickling and unpickling), which never lists a frozen object (_probe_all): its dumps and loads run
# with the heap thawed
SEES_THE_WHOLE_HEAP = ("dill",)
USER_MODULE = "mpguard_probe_user"

# Module-level "user code": importable, like a helper module of the user's program.
USER_SOURCE = '''
import collections, dataclasses, enum

def module_function(x):
    return x * 2

def make_closure():
    factor = 3
    def inner(x):
        return x * factor
    return inner

def gen_function():
    yield 1
    yield 2

async def coroutine_function():
    return 1

async def async_gen_function():
    yield 1

class Plain:
    def __init__(self):
        self.value = 1
    def method(self, x):
        return x + self.value
    @staticmethod
    def static(x):
        return x
    @classmethod
    def klass(cls, x):
        return x

class Derived(Plain):
    pass

Point = collections.namedtuple("Point", "x y")

@dataclasses.dataclass
class Data:
    a: int = 1
    b: str = "x"

class Color(enum.Enum):
    RED = 1
    GREEN = 2
'''


def user_module():
    module = sys.modules.get(USER_MODULE)
    if module is None:
        module = types.ModuleType(USER_MODULE)
        sys.modules[USER_MODULE] = module
        exec(compile(USER_SOURCE, f"<{USER_MODULE}>", "exec"), module.__dict__)
    return module


class Unavailable(Exception):
    """This interpreter or platform cannot build the object (e.g. no select.epoll)."""


PROBES: list = []


def probe(key, kind, factories, note=None, forget=None, when=None, held=False, items=None, use=None, variant=None,
          attributes=False, raised_by=None):
    """Register ``make(env) -> obj``.

    ``factories``: what user code calls to get such an object (``held``: what user code names to get it, a
    module attribute that holds the object itself, like ``sys.stdout``); ``when``: the arguments that select this
    variant (e.g. ``{"mode": "text"}`` for open); ``forget(copy)`` neutralises an unpickled copy before it is
    dropped (a copy that shares the original's file descriptor must not close it); ``items``: the key of the
    probe of what iterating the object gives (finditer's re.Match), for a loop over it; ``use``: (what, ``use(copy)``)
    the first thing a worker does with a copy (a lock's ``acquire()``, an engine's ``connect()``, which takes its
    pool's lock) and a test that it would not block, tried on every copy a serializer makes: a copy that pickles but
    whose use blocks is recorded ``"unusable"`` (dill's copy of a ``threading.RLock`` is held for good); ``variant``: {text: placeholder} for a class made per argument (boto3's
    client class per service): the probed argument's words are replaced in the type and in every message;
    ``raised_by``: for an exception, the library calls that raise it on bad input (``xml.sax.parse``; a method as
    ``module.<Type>.method``), each of which the probe itself calls to make the exception it measures.
    """
    def register(make):
        PROBES.append({"key": key, "kind": kind, "factories": list(factories), "note": note,
                       "make": make, "forget": forget, "when": when, "held": held, "items": items, "use": use,
                       "variant": variant, "attributes": attributes, "raised_by": raised_by})
        return make
    return register


class Env:
    """Resources shared by the probes of one run, all released by :meth:`close`."""

    def __init__(self):
        self.stack = contextlib.ExitStack()
        self.tmp = self.stack.enter_context(tempfile.TemporaryDirectory(prefix="mpguard-probe-"))
        self.user = user_module()
        self._manager = None
        self._loop = None
        from multiprocessing import resource_sharer
        if getattr(resource_sharer._resource_sharer, "_address", None) is None:
            # ForkingPickler starts the resource sharer's thread to hand over sockets and fds: stop it after,
            # so that no thread is left behind (a later fork() would warn about it on 3.12+)
            self.stack.callback(resource_sharer.stop)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def closing(self, obj, method="close"):
        def close():
            with contextlib.suppress(OSError):  # a copy may have closed or removed it already
                getattr(obj, method)()
        self.stack.callback(close)
        return obj

    def manager(self):
        if self._manager is None:
            import multiprocessing
            self._manager = multiprocessing.Manager()
            self.stack.callback(self._manager.shutdown)
        return self._manager

    def loop(self):
        if self._loop is None:
            import asyncio
            self._loop = asyncio.new_event_loop()
            self.stack.callback(self._loop.close)
        return self._loop

    def close(self):
        self.stack.close()


LOCK_TYPES = ("_thread.lock", "_thread.RLock")


def locks_free(copy, depth=12) -> bool:
    """Can every threading lock the copy holds (itself, its attributes, their attributes ...) be taken
    without blocking? A fresh copy's locks are free; dill recreates a ``threading.RLock`` held for good
    (owner 0, count 0, yet acquired: ``_acquire_restore`` of its saved state), so the first ``with lock:``
    of a worker on that copy blocks forever. Tried with ``acquire(blocking=False)``: nothing is left blocked."""
    import gc
    seen, layer = set(), [copy]
    for _ in range(depth):
        following = []
        for obj in layer:
            if id(obj) in seen or isinstance(obj, (type, types.ModuleType, types.FunctionType, str, bytes)):
                continue
            seen.add(id(obj))
            if qualified_type(obj).lstrip("_") in [t.lstrip("_") for t in LOCK_TYPES]:
                if not obj.acquire(blocking=False):
                    return False
                obj.release()
                continue
            following.extend(gc.get_referents(obj))
        layer = following
    return True


# ---------------------------------------------------------------- threading / queue
@probe("_thread.lock", "lock", ["threading.Lock", "threading.allocate_lock", "_thread.allocate_lock"],
       use=("acquire()", locks_free))
def _(env):
    import threading
    return threading.Lock()


@probe("_thread.RLock", "lock", ["threading.RLock"], use=("acquire()", locks_free))
def _(env):
    import threading
    return threading.RLock()


@probe("threading.Condition", "lock", ["threading.Condition"])
def _(env):
    import threading
    return threading.Condition()


@probe("threading.Event", "lock", ["threading.Event"])
def _(env):
    import threading
    return threading.Event()


@probe("threading.Semaphore", "lock", ["threading.Semaphore"])
def _(env):
    import threading
    return threading.Semaphore(2)


@probe("threading.BoundedSemaphore", "lock", ["threading.BoundedSemaphore"])
def _(env):
    import threading
    return threading.BoundedSemaphore(2)


@probe("threading.Barrier", "lock", ["threading.Barrier"])
def _(env):
    import threading
    return threading.Barrier(2)


@probe("threading.Thread", "thread", ["threading.Thread"], note="not started")
def _(env):
    import threading
    return threading.Thread(target=env.user.module_function, args=(1,), name="probe")


@probe("concurrent.futures.ThreadPoolExecutor", "thread",
       ["concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor"], note="no task run")
def _(env):
    from concurrent.futures import ThreadPoolExecutor
    executor = ThreadPoolExecutor(1)
    env.stack.callback(executor.shutdown)
    return executor


@probe("_thread._local", "thread", ["threading.local"])
def _(env):
    import threading
    return threading.local()


@probe("queue.Queue", "queue", ["queue.Queue", "queue.LifoQueue", "queue.PriorityQueue"])
def _(env):
    import queue
    q = queue.Queue()
    q.put(1)
    return q


@probe("_queue.SimpleQueue", "queue", ["queue.SimpleQueue"])
def _(env):
    import queue
    q = queue.SimpleQueue()
    q.put(1)
    return q


@probe("concurrent.futures.Future", "future", ["concurrent.futures.Future", "<Executor>.submit"])
def _(env):
    import concurrent.futures
    return concurrent.futures.Future()


# ---------------------------------------------------------------- multiprocessing
@probe("multiprocessing.queues.Queue", "mp-sync", ["multiprocessing.Queue", "<Context>.Queue"])
def _(env):
    import multiprocessing
    q = multiprocessing.Queue()
    env.stack.callback(q.join_thread)
    env.stack.callback(q.close)
    return q


@probe("multiprocessing.queues.JoinableQueue", "mp-sync", ["multiprocessing.JoinableQueue",
                                                           "<Context>.JoinableQueue"])
def _(env):
    import multiprocessing
    q = multiprocessing.JoinableQueue()
    env.stack.callback(q.join_thread)
    env.stack.callback(q.close)
    return q


@probe("multiprocessing.queues.SimpleQueue", "mp-sync", ["multiprocessing.SimpleQueue", "<Context>.SimpleQueue"])
def _(env):
    import multiprocessing
    return env.closing(multiprocessing.SimpleQueue())


@probe("multiprocessing.synchronize.Lock", "mp-sync", ["multiprocessing.Lock", "<Context>.Lock"])
def _(env):
    import multiprocessing
    return multiprocessing.Lock()


@probe("multiprocessing.synchronize.RLock", "mp-sync", ["multiprocessing.RLock", "<Context>.RLock"])
def _(env):
    import multiprocessing
    return multiprocessing.RLock()


@probe("multiprocessing.synchronize.Semaphore", "mp-sync", ["multiprocessing.Semaphore", "<Context>.Semaphore"])
def _(env):
    import multiprocessing
    return multiprocessing.Semaphore(2)


@probe("multiprocessing.synchronize.Event", "mp-sync", ["multiprocessing.Event", "<Context>.Event"])
def _(env):
    import multiprocessing
    return multiprocessing.Event()


@probe("multiprocessing.sharedctypes.Synchronized", "mp-shared", ["multiprocessing.Value", "<Context>.Value"])
def _(env):
    import multiprocessing
    return multiprocessing.Value("i", 0)


@probe("multiprocessing.sharedctypes.SynchronizedArray", "mp-shared", ["multiprocessing.Array",
                                                                       "<Context>.Array"])
def _(env):
    import multiprocessing
    return multiprocessing.Array("i", 3)


@probe("multiprocessing.sharedctypes.RawValue", "mp-shared", ["multiprocessing.RawValue",
                                                              "multiprocessing.Value(lock=False)"],
       note="a bare ctypes object in shared memory (type c_int)")
def _(env):
    import multiprocessing
    return multiprocessing.RawValue("i", 0)


def _forget_connection(copy):
    copy._handle = None  # the copy shares the original's fd: never let its __del__ close it


@probe("multiprocessing.connection.Connection", "mp-pipe", ["multiprocessing.Pipe", "<Context>.Pipe"],
       note="plain pickle copies the bare fd number; only multiprocessing's own pickler duplicates the fd",
       forget=_forget_connection)
def _(env):
    import multiprocessing
    a, b = multiprocessing.Pipe()
    env.closing(b)
    return env.closing(a)


@probe("multiprocessing.managers.DictProxy", "mp-manager", ["<SyncManager>.dict", "multiprocessing.Manager().dict"])
def _(env):
    return env.manager().dict(a=1)


@probe("multiprocessing.managers.AutoProxy[Queue]", "mp-manager", ["<SyncManager>.Queue",
                                                                    "multiprocessing.Manager().Queue"])
def _(env):
    return env.manager().Queue()


@probe("multiprocessing.managers.SyncManager", "mp-manager", ["multiprocessing.Manager", "<Context>.Manager",
                                                              "multiprocessing.managers.SyncManager"],
       note="started")
def _(env):
    return env.manager()


@probe("multiprocessing.pool.ThreadPool", "mp-pool", ["multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"],
       note="multiprocessing.Pool has the same __reduce__ (a process pool is too slow to start in a test)")
def _(env):
    import multiprocessing.pool
    pool = multiprocessing.pool.ThreadPool(1)
    env.stack.callback(pool.join)
    env.stack.callback(pool.close)
    return pool


# ---------------------------------------------------------------- io
@probe("_io.TextIOWrapper", "io", ["open", "io.open", "pathlib.Path.open", "codecs.open", "io.TextIOWrapper"], note="mode 'w'",
       when={"mode": "text"})
def _(env):
    return env.closing(open(env.path("text.txt"), "w", encoding="utf-8"))


@probe("_io.BufferedWriter", "io", ["open", "io.open", "pathlib.Path.open", "io.BufferedWriter"], note="mode 'wb'",
       when={"mode": "binary-write"})
def _(env):
    return env.closing(open(env.path("data.bin"), "wb"))


@probe("_io.BufferedReader", "io", ["open", "io.open", "pathlib.Path.open", "io.BufferedReader", "io.open_code"], note="mode 'rb'",
       when={"mode": "binary-read"})
def _(env):
    with open(env.path("read.bin"), "wb") as f:
        f.write(b"abc")
    return env.closing(open(env.path("read.bin"), "rb"))


@probe("_io.FileIO", "io", ["open", "io.FileIO"], note="mode 'wb', unbuffered",
       when={"mode": "binary", "buffering": 0})
def _(env):
    return env.closing(open(env.path("raw.bin"), "wb", buffering=0))


@probe("_io.StringIO", "io", ["io.StringIO"])
def _(env):
    return io_mod().StringIO("text")


@probe("_io.BytesIO", "io", ["io.BytesIO"])
def _(env):
    return io_mod().BytesIO(b"data")


def io_mod():
    import io
    return io


def _stdio(name):
    def make(env):
        stream = getattr(sys, f"__{name}__")
        if stream is None:
            raise Unavailable(f"sys.__{name}__ is None (no such file descriptor)")
        import io
        if type(stream) is not io.TextIOWrapper:
            raise Unavailable(f"sys.__{name}__ is a {type(stream).__qualname__}")
        return stream
    return make


for _name in ("stdin", "stdout", "stderr"):
    probe(f"_io.TextIOWrapper:sys.{_name}", "io", [f"sys.{_name}", f"sys.__{_name}__"], held=True)(_stdio(_name))


def _forget_named_temporary(copy):
    closer = getattr(copy, "_closer", None)
    if closer is not None:
        closer.delete = False  # the copy names the original's file: it must not remove it


@probe("tempfile._TemporaryFileWrapper", "io", ["tempfile.NamedTemporaryFile"], forget=_forget_named_temporary)
def _(env):
    import tempfile as t
    return env.closing(t.NamedTemporaryFile(dir=env.tmp))


@probe("tempfile.SpooledTemporaryFile", "io", ["tempfile.SpooledTemporaryFile"])
def _(env):
    import tempfile as t
    return env.closing(t.SpooledTemporaryFile(dir=env.tmp))


@probe("mmap.mmap", "io", ["mmap.mmap"])
def _(env):
    import mmap
    return env.closing(mmap.mmap(-1, 16))


def _forget_zipfile(copy):
    copy.fp = None  # a copy made by dill would otherwise block in __del__ on its recreated lock


@probe("zipfile.ZipFile", "io", ["zipfile.ZipFile"], note="open for writing", forget=_forget_zipfile)
def _(env):
    import zipfile
    return env.closing(zipfile.ZipFile(env.path("a.zip"), "w"))


@probe("tarfile.TarFile", "io", ["tarfile.open", "tarfile.TarFile"], note="open for writing")
def _(env):
    import tarfile
    return env.closing(tarfile.open(env.path("a.tar"), "w"))


def _written(env, name, opener):
    """A compressed file made with `opener` for reading back: the default mode of gzip/bz2/lzma's open."""
    with opener(env.path(name), "wb") as f:
        f.write(b"data")
    return env.closing(opener(env.path(name)))


@probe("gzip.GzipFile", "io", ["gzip.open", "gzip.GzipFile"],
       note="mode 'rb' (the default); 'wb' says BufferedWriter, a text mode wraps it in a TextIOWrapper")
def _(env):
    import gzip
    return _written(env, "a.gz", gzip.open)


@probe("bz2.BZ2File", "io", ["bz2.open", "bz2.BZ2File"],
       note="mode 'rb' (the default); 'wb' says BufferedWriter, a text mode wraps it in a TextIOWrapper")
def _(env):
    import bz2
    return _written(env, "a.bz2", bz2.open)


@probe("lzma.LZMAFile", "io", ["lzma.open", "lzma.LZMAFile"],
       note="mode 'rb' (the default); 'wb' says BufferedWriter, a text mode wraps it in a TextIOWrapper")
def _(env):
    import lzma
    return _written(env, "a.xz", lzma.open)


@probe("zipfile.ZipExtFile", "io", ["<ZipFile>.open"],
       note="a member opened for reading (mode 'w' gives a _ZipWriteFile: 'cannot pickle ... BufferedRandom')")
def _(env):
    import zipfile
    with zipfile.ZipFile(env.path("member.zip"), "w") as z:
        z.writestr("x", "data")
    archive = env.closing(zipfile.ZipFile(env.path("member.zip")))
    return env.closing(archive.open("x"))


@probe("os._wrap_close", "io", ["os.popen"], note="os.popen('true'): the pipe to a child process, read mode")
def _(env):
    stream = os.popen("true")
    env.stack.callback(stream.close)  # (waits for the child: no zombie left)
    return stream


@probe("_csv.writer", "io", ["csv.writer"])
def _(env):
    import csv
    import io
    return csv.writer(io.StringIO())


@probe("_csv.reader", "io", ["csv.reader"])
def _(env):
    import csv
    return csv.reader(["a,b"])


@probe("csv.DictWriter", "io", ["csv.DictWriter"])
def _(env):
    import csv
    import io
    return csv.DictWriter(io.StringIO(), ["a"])


# ---------------------------------------------------------------- sockets, selectors, network, processes
@probe("socket.socket", "socket", ["socket.socket", "socket.create_connection", "socket.create_server",
                                   "<socket>.accept"])
def _(env):
    import socket
    return env.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM))


@probe("_io.TextIOWrapper:socket.makefile", "socket", ["<socket>.makefile"],
       note="socket.makefile() (mode 'r'); 'rb'/'wb' give a BufferedReader/BufferedWriter over a SocketIO")
def _(env):
    import socket
    sock = env.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    return env.closing(sock.makefile())


@probe("socketserver.TCPServer", "socket", ["socketserver.TCPServer", "socketserver.ThreadingTCPServer",
                                            "socketserver.ForkingTCPServer", "http.server.HTTPServer",
                                            "http.server.ThreadingHTTPServer"],
       note="bound to localhost, port 0, not serving; the subclasses listed keep BaseServer's state")
def _(env):
    import socketserver
    return env.closing(socketserver.TCPServer(("localhost", 0), socketserver.BaseRequestHandler), "server_close")


@probe("select.epoll", "selector", ["select.epoll"])
def _(env):
    import select
    if not hasattr(select, "epoll"):
        raise Unavailable("no select.epoll on this platform")
    return env.closing(select.epoll())


@probe("select.poll", "selector", ["select.poll"])
def _(env):
    import select
    if not hasattr(select, "poll"):
        raise Unavailable("no select.poll on this platform")
    return select.poll()


@probe("selectors.DefaultSelector", "selector", ["selectors.DefaultSelector", "selectors.EpollSelector"],
       note="EpollSelector on Linux")
def _(env):
    import selectors
    return env.closing(selectors.DefaultSelector())


@probe("ssl.SSLContext", "socket", ["ssl.create_default_context", "ssl.SSLContext"])
def _(env):
    import ssl
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@probe("ssl.SSLSocket", "socket", ["<SSLContext>.wrap_socket", "ssl.wrap_socket"],
       note="ctx.wrap_socket() of an unconnected TCP socket, no handshake; ssl.wrap_socket (up to 3.11) makes the "
            "same class. ForkingPickler's socket reducer is registered for "
            "socket.socket itself, so this subclass falls back to socket.__getstate__, which refuses it")
def _(env):
    import socket
    import ssl
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    raw = env.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    return env.closing(ctx.wrap_socket(raw, server_hostname="localhost", do_handshake_on_connect=False))


@probe("http.client.HTTPConnection", "network", ["http.client.HTTPConnection"], note="not connected")
def _(env):
    import http.client
    return http.client.HTTPConnection("localhost", 8080, timeout=1)


@probe("urllib.request.OpenerDirector", "network", ["urllib.request.build_opener",
                                                    "urllib.request.OpenerDirector"])
def _(env):
    import urllib.request
    return urllib.request.build_opener()


@probe("subprocess.Popen", "process", ["subprocess.Popen"], note="finished child, no pipes")
def _(env):
    import subprocess
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child


# ---------------------------------------------------------------- standard-library classes users subclass
@probe("cmd.Cmd", "stream-holder", ["cmd.Cmd"], note="keeps sys.stdin and sys.stdout")
def _(env):
    import cmd
    return cmd.Cmd()


# ---------------------------------------------------------------- exceptions sent back from a child
# Pickling an exception keeps only its `args`; unpickling calls the class with them. These classes
# need other constructor arguments, so the copy fails to load in the parent (a Pool hangs, an
# executor breaks): `roundtrip` is false.
@probe("xmlrpc.client.ProtocolError", "exception", ["xmlrpc.client.ProtocolError"])
def _(env):
    import xmlrpc.client
    return xmlrpc.client.ProtocolError("http://rpc.invalid/", 502, "Bad Gateway", {})


@probe("xmlrpc.client.Fault", "exception", ["xmlrpc.client.Fault"])
def _(env):
    import xmlrpc.client
    return xmlrpc.client.Fault(1, "failed")


@probe("urllib.error.HTTPError", "exception", ["urllib.error.HTTPError"], note="no body")
def _(env):
    import urllib.error
    return urllib.error.HTTPError("http://example.invalid/", 404, "Not Found", {}, None)


@probe("urllib.error.URLError", "exception", ["urllib.error.URLError"])
def _(env):
    import urllib.error
    return urllib.error.URLError("no route")


def raised(expected, *calls):
    """The exception of class `expected` the first call raises, after checking that every call raises one (what
    the entry's `raised_by` says)."""
    caught = []
    for call in calls:
        try:
            call()
        except expected as exc:
            caught.append(exc)
        else:
            raise Unavailable(f"{call} raised no {expected.__name__}")
    return caught[0]


@probe("urllib.error.HTTPError:urlopen", "exception", [], raised_by=["urllib.request.urlopen"],
       note="what urlopen raises for a 4xx/5xx answer: it keeps the response (its fp), whose socket file pickle "
            "refuses (a task that lets it out cannot send it back); an HTTPError built by hand with fp=None is the "
            "urllib.error.HTTPError entry")
def _(env):
    import http.server
    import threading
    import urllib.error
    import urllib.request

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        error = raised(urllib.error.HTTPError,
                       lambda: urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/missing", timeout=10))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    return env.closing(error)


@probe("xml.sax.SAXParseException", "exception", ["xml.sax.SAXParseException", "xml.sax._exceptions.SAXParseException"],
       raised_by=["xml.sax.parse", "xml.sax.parseString"],
       note="what the SAX parser raises for malformed XML: it keeps its locator (the parser, and with it the source "
            "it read: an open file, or a closed one), so it cannot be sent to another process (gwpy PR #419); "
            "parseString's copy fails with 'I/O operation on closed file'")
def _(env):
    import xml.sax
    path = env.path("broken.xml")
    with open(path, "w") as f:
        f.write('<?xml version="1.0"?><table><row>')
    return raised(xml.sax.SAXParseException, lambda: xml.sax.parse(path, xml.sax.ContentHandler()),
                  lambda: xml.sax.parseString(b"<table><row>", xml.sax.ContentHandler()))


@probe("subprocess.CalledProcessError", "exception", ["subprocess.CalledProcessError"])
def _(env):
    import subprocess
    return subprocess.CalledProcessError(1, ["false"], output=b"", stderr=b"")


@probe("subprocess.TimeoutExpired", "exception", ["subprocess.TimeoutExpired"])
def _(env):
    import subprocess
    return subprocess.TimeoutExpired(["sleep", "9"], 1.0)


@probe("json.JSONDecodeError", "exception", ["json.JSONDecodeError"])
def _(env):
    import json
    return json.JSONDecodeError("Expecting value", "x", 0)


@probe("configparser.DuplicateSectionError", "exception", ["configparser.DuplicateSectionError"])
def _(env):
    import configparser
    return configparser.DuplicateSectionError("main", "setup.cfg", 3)


@probe("configparser.NoOptionError", "exception", ["configparser.NoOptionError"])
def _(env):
    import configparser
    return configparser.NoOptionError("opt", "main")


@probe("csv.Error", "exception", ["csv.Error"])
def _(env):
    import csv
    return csv.Error("bad row")


@probe("shutil.Error", "exception", ["shutil.Error"])
def _(env):
    import shutil
    return shutil.Error([("a", "b", "why")])


@probe("zipfile.BadZipFile", "exception", ["zipfile.BadZipFile"])
def _(env):
    import zipfile
    return zipfile.BadZipFile("not a zip")


@probe("http.client.HTTPException", "exception", ["http.client.HTTPException"])
def _(env):
    import http.client
    return http.client.HTTPException("bad")


@probe("http.client.IncompleteRead", "exception", ["http.client.IncompleteRead"])
def _(env):
    import http.client
    return http.client.IncompleteRead(b"partial", 10)


@probe("email.errors.HeaderParseError", "exception", ["email.errors.HeaderParseError"])
def _(env):
    import email.errors
    return email.errors.HeaderParseError("bad header")


@probe("builtins.UnicodeDecodeError", "exception", ["UnicodeDecodeError"])
def _(env):
    return UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")


# ---------------------------------------------------------------- databases
@probe("sqlite3.Connection", "database", ["sqlite3.connect"])
def _(env):
    import sqlite3
    return env.closing(sqlite3.connect(":memory:"))


@probe("sqlite3.Cursor", "database", ["<Connection>.cursor", "<Connection>.execute"])
def _(env):
    import sqlite3
    return env.closing(env.closing(sqlite3.connect(":memory:")).cursor())


# ---------------------------------------------------------------- regular expressions
@probe("re.Pattern", "regex", ["re.compile"])
def _(env):
    return re.compile(r"a+b", re.IGNORECASE)


@probe("re.Match", "regex", ["re.match", "re.search", "re.fullmatch", "<Pattern>.match", "<Pattern>.search",
                             "<Pattern>.fullmatch"])
def _(env):
    return re.match(r"a+", "aaa")


# finditer() makes no Match until it is iterated: what it returns is an iterator over an SRE_Scanner.
@probe("builtins.callable_iterator:finditer", "regex", ["re.finditer", "<Pattern>.finditer"],
       note="re.finditer(r'a', 'aaa')", items="re.Match")
def _(env):
    return re.finditer(r"a", "aaa")


# ---------------------------------------------------------------- generators, frames, code
@probe("builtins.generator", "generator", ["<generator function>()"])
def _(env):
    return env.user.gen_function()


@probe("builtins.generator:expression", "generator", ["(x for x in ...)"])
def _(env):
    return (x for x in range(3))


@probe("builtins.coroutine", "generator", ["<async def function>()"])
def _(env):
    return env.closing(env.user.coroutine_function())


@probe("builtins.async_generator", "generator", ["<async generator function>()"])
def _(env):
    return env.user.async_gen_function()


@probe("builtins.frame", "frame", ["sys._getframe", "inspect.currentframe", "<traceback>.tb_frame"])
def _(env):
    return sys._getframe()


@probe("builtins.traceback", "frame", ["<exception>.__traceback__", "sys.exc_info"])
def _(env):
    try:
        raise ValueError("probe")
    except ValueError as exc:
        tb = exc.__traceback__
    return tb


@probe("builtins.code", "frame", ["<function>.__code__", "compile"])
def _(env):
    return env.user.module_function.__code__


@probe("builtins.cell", "frame", ["<function>.__closure__", "types.CellType"])
def _(env):
    return env.user.make_closure().__closure__[0]


# ---------------------------------------------------------------- callables
@probe("builtins.function:lambda", "callable", ["lambda"])
def _(env):
    return eval("lambda x: x + 1", env.user.__dict__)


@probe("builtins.function:closure", "callable", ["def inside def"])
def _(env):
    return env.user.make_closure()


@probe("builtins.function:module-level", "callable", ["def at module level"])
def _(env):
    return env.user.module_function


@probe("builtins.builtin_function_or_method", "callable", ["len", "print", "math.sqrt", "os.getpid"])
def _(env):
    return len


@probe("builtins.method", "callable", ["<instance>.<method>"],
       note="bound method of an instance of a module-level class")
def _(env):
    return env.user.Plain().method


@probe("builtins.method:classmethod", "callable", ["<class>.<classmethod>"])
def _(env):
    return env.user.Plain.klass


@probe("builtins.function:staticmethod-access", "callable", ["<class>.<staticmethod>"],
       note="a staticmethod reached through its class is the plain function")
def _(env):
    return env.user.Plain.static


@probe("builtins.staticmethod", "callable", ["staticmethod"], note="the descriptor object itself")
def _(env):
    return env.user.Plain.__dict__["static"]


@probe("builtins.classmethod", "callable", ["classmethod"], note="the descriptor object itself")
def _(env):
    return env.user.Plain.__dict__["klass"]


@probe("builtins.method-wrapper", "callable", ["<instance>.__str__"], note="bound slot wrapper, e.g. (1).__add__")
def _(env):
    return (1).__add__


@probe("functools.partial", "callable", ["functools.partial"], note="of a module-level function",
       when={"func": "module-level function"})
def _(env):
    import functools
    return functools.partial(env.user.module_function, 2)


@probe("functools.partial:lambda", "callable", ["functools.partial"], note="of a lambda",
       when={"func": "lambda"})
def _(env):
    import functools
    return functools.partial(eval("lambda x, y: x + y", env.user.__dict__), 2)


@probe("operator.itemgetter", "callable", ["operator.itemgetter"])
def _(env):
    import operator
    return operator.itemgetter(0, 1)


@probe("operator.attrgetter", "callable", ["operator.attrgetter"])
def _(env):
    import operator
    return operator.attrgetter("real")


@probe("operator.methodcaller", "callable", ["operator.methodcaller"])
def _(env):
    import operator
    return operator.methodcaller("split", ",")


@probe("builtins.property", "descriptor", ["property"])
def _(env):
    return property(env.user.module_function)


@probe("builtins.super", "descriptor", ["super"])
def _(env):
    return super(env.user.Derived, env.user.Derived())


# ---------------------------------------------------------------- asyncio
@probe("asyncio.AbstractEventLoop", "asyncio", ["asyncio.new_event_loop", "asyncio.get_event_loop"],
       note="a _UnixSelectorEventLoop on Linux")
def _(env):
    return env.loop()


@probe("asyncio.Future", "asyncio", ["asyncio.Future", "<loop>.create_future"])
def _(env):
    return env.loop().create_future()


# ---------------------------------------------------------------- weak references
@probe("weakref.ReferenceType", "weakref", ["weakref.ref"])
def _(env):
    import weakref
    env.user.__dict__.setdefault("_referent", env.user.Plain())
    return weakref.ref(env.user._referent)


@probe("weakref.WeakValueDictionary", "weakref", ["weakref.WeakValueDictionary"])
def _(env):
    import weakref
    return weakref.WeakValueDictionary()


@probe("weakref.WeakKeyDictionary", "weakref", ["weakref.WeakKeyDictionary"])
def _(env):
    import weakref
    return weakref.WeakKeyDictionary()


@probe("weakref.WeakSet", "weakref", ["weakref.WeakSet"])
def _(env):
    import weakref
    return weakref.WeakSet()


# ---------------------------------------------------------------- logging
@probe("logging.Logger", "logging", ["logging.getLogger"], note="pickles by name")
def _(env):
    import logging
    return logging.getLogger("mpguard.probe")


@probe("logging.Logger:direct", "logging", ["logging.Logger"],
       note="made directly, not registered with the manager: Logger.__reduce__ refuses it (dbt-fal PR #777); "
            "cloudpickle pickles it as getLogger(name), a different logger")
def _(env):
    import logging
    return logging.Logger("mpguard.probe.direct")


@probe("logging.RootLogger", "logging", ["logging.getLogger()", "logging.root"])
def _(env):
    import logging
    return logging.getLogger()


@probe("logging.StreamHandler", "logging", ["logging.StreamHandler"])
def _(env):
    import logging
    return env.closing(logging.StreamHandler(io_mod().StringIO()))


@probe("logging.FileHandler", "logging", ["logging.FileHandler"])
def _(env):
    import logging
    return env.closing(logging.FileHandler(env.path("log.txt"), delay=True))


@probe("logging.handlers.QueueHandler", "logging", ["logging.handlers.QueueHandler"])
def _(env):
    import logging.handlers
    import queue
    return env.closing(logging.handlers.QueueHandler(queue.Queue()))


# ---------------------------------------------------------------- modules, namespaces, descriptors
@probe("builtins.module", "module", ["import", "types.ModuleType", "importlib.import_module"])
def _(env):
    return os


@probe("types.SimpleNamespace", "value", ["types.SimpleNamespace", "argparse.Namespace"])
def _(env):
    return types.SimpleNamespace(a=1, b="x")


@probe("builtins.mappingproxy", "value", ["types.MappingProxyType", "<class>.__dict__"])
def _(env):
    return types.MappingProxyType({"a": 1})


@probe("builtins.ellipsis", "value", ["..."])
def _(env):
    return Ellipsis


@probe("builtins.NotImplementedType", "value", ["NotImplemented"])
def _(env):
    return NotImplemented


@probe("contextvars.ContextVar", "value", ["contextvars.ContextVar"])
def _(env):
    import contextvars
    return contextvars.ContextVar("mpguard_probe")


@probe("_contextvars.Context", "value", ["contextvars.copy_context", "contextvars.Context"], note="empty")
def _(env):
    import contextvars
    return contextvars.copy_context()  # probe_all runs in an empty context


# ---------------------------------------------------------------- collections and plain values
@probe("collections.deque", "value", ["collections.deque"])
def _(env):
    import collections
    return collections.deque([1, 2], maxlen=5)


@probe("collections.defaultdict:list", "value", ["collections.defaultdict"], note="defaultdict(list)",
       when={"default_factory": "importable"})
def _(env):
    import collections
    d = collections.defaultdict(list)
    d["a"].append(1)
    return d


@probe("collections.defaultdict:lambda", "value", ["collections.defaultdict"], note="defaultdict(lambda: 0)",
       when={"default_factory": "lambda"})
def _(env):
    import collections
    return collections.defaultdict(eval("lambda: 0", env.user.__dict__))


@probe("collections.OrderedDict", "value", ["collections.OrderedDict"])
def _(env):
    import collections
    return collections.OrderedDict(a=1)


@probe("collections.Counter", "value", ["collections.Counter"])
def _(env):
    import collections
    return collections.Counter("abca")


@probe("namedtuple", "value", ["collections.namedtuple", "typing.NamedTuple"], note="module-level class")
def _(env):
    return env.user.Point(1, 2)


@probe("dataclass", "value", ["@dataclasses.dataclass"], note="module-level class")
def _(env):
    return env.user.Data()


@probe("enum.Enum", "value", ["enum.Enum"], note="member of a module-level Enum")
def _(env):
    return env.user.Color.RED


@probe("datetime.datetime", "value", ["datetime.datetime", "datetime.datetime.now"])
def _(env):
    import datetime
    return datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


@probe("decimal.Decimal", "value", ["decimal.Decimal"])
def _(env):
    import decimal
    return decimal.Decimal("1.25")


@probe("decimal.Context", "value", ["decimal.getcontext", "decimal.Context"])
def _(env):
    import decimal
    return decimal.Context(prec=10)


@probe("fractions.Fraction", "value", ["fractions.Fraction"])
def _(env):
    import fractions
    return fractions.Fraction(1, 3)


@probe("pathlib.Path", "value", ["pathlib.Path"])
def _(env):
    import pathlib
    return pathlib.Path("data/file.txt")


@probe("uuid.UUID", "value", ["uuid.UUID", "uuid.uuid4"])
def _(env):
    import uuid
    return uuid.UUID("12345678123456781234567812345678")


@probe("random.Random", "value", ["random.Random"])
def _(env):
    import random
    return random.Random(0)


@probe("array.array", "value", ["array.array"])
def _(env):
    import array
    return array.array("i", [1, 2])


@probe("_struct.Struct", "value", ["struct.Struct"])
def _(env):
    import struct
    return struct.Struct("<i")


@probe("email.message.Message", "value", ["email.message.Message", "email.message_from_string"])
def _(env):
    import email.message
    m = email.message.Message()
    m["Subject"] = "probe"
    return m


@probe("xml.etree.ElementTree.Element", "value", ["xml.etree.ElementTree.Element",
                                                  "xml.etree.ElementTree.fromstring"])
def _(env):
    import xml.etree.ElementTree as ET
    return ET.Element("a", {"b": "c"})


@probe("pyexpat.xmlparser", "document", ["xml.parsers.expat.ParserCreate", "pyexpat.ParserCreate"],
       note="after parsing a document, with a StartElementHandler set")
def _(env):
    import xml.parsers.expat
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = lambda name, attrs: None
    parser.Parse("<a/>", True)
    return parser


@probe("_hashlib.HASH", "value", ["hashlib.sha256", "hashlib.md5", "hashlib.new"])
def _(env):
    import hashlib
    return hashlib.sha256(b"probe")


@probe("builtins.range", "value", ["range"])
def _(env):
    return range(1, 10, 2)


@probe("builtins.bytearray", "value", ["bytearray"])
def _(env):
    return bytearray(b"abc")


@probe("builtins.memoryview", "value", ["memoryview"])
def _(env):
    return memoryview(b"abc")


@probe("builtins.dict_keys", "value", ["<dict>.keys"])
def _(env):
    return {"a": 1}.keys()


@probe("builtins.dict_items", "value", ["<dict>.items"])
def _(env):
    return {"a": 1}.items()


@probe("builtins.map", "iterator", ["map"], note="map(str, [1, 2])", when={"func": "builtin"})
def _(env):
    return map(str, [1, 2])


@probe("builtins.map:lambda", "iterator", ["map"], note="map(lambda x: x, [1, 2])", when={"func": "lambda"})
def _(env):
    return map(eval("lambda x: x", env.user.__dict__), [1, 2])


@probe("builtins.filter", "iterator", ["filter"])
def _(env):
    return filter(None, [0, 1])


@probe("builtins.zip", "iterator", ["zip"])
def _(env):
    return zip([1, 2], "ab")


@probe("builtins.list_iterator", "iterator", ["iter"], note="iter([1, 2])")
def _(env):
    return iter([1, 2])


@probe("itertools.count", "iterator", ["itertools.count"])
def _(env):
    import itertools
    return itertools.count(5)


@probe("itertools.chain", "iterator", ["itertools.chain", "itertools.chain.from_iterable"])
def _(env):
    import itertools
    return itertools.chain([1], [2])


@probe("itertools.cycle", "iterator", ["itertools.cycle"])
def _(env):
    import itertools
    return itertools.cycle([1, 2])


# ---------------------------------------------------------------- file-system iterators
# What these calls return differs by version: Path.iterdir() is a generator up to 3.12 and from 3.14, and a
# `map` over a list of names on 3.13 (which pickles); Path.glob() is a `map` over a generator from 3.13.
@probe("pathlib.Path.iterdir", "fs-iterator", ["<PosixPath>.iterdir"], note="Path(tmp).iterdir()")
def _(env):
    import pathlib
    return pathlib.Path(env.tmp).iterdir()


@probe("pathlib.Path.glob", "fs-iterator", ["<PosixPath>.glob", "<PosixPath>.rglob"], note="Path(tmp).glob('*')")
def _(env):
    import pathlib
    return pathlib.Path(env.tmp).glob("*")


@probe("os.walk", "fs-iterator", ["os.walk", "os.fwalk"], note="os.walk(tmp)")
def _(env):
    return os.walk(env.tmp)


@probe("os.scandir", "fs-iterator", ["os.scandir"], note="os.scandir(tmp)")
def _(env):
    return env.closing(os.scandir(env.tmp))


# ---------------------------------------------------------------- ctypes
@probe("ctypes.c_int", "ctypes", ["ctypes.c_int"])
def _(env):
    import ctypes
    return ctypes.c_int(5)


@probe("ctypes.pointer", "ctypes", ["ctypes.pointer", "ctypes.POINTER"])
def _(env):
    import ctypes
    env.user.__dict__.setdefault("_c_int", ctypes.c_int(5))
    return ctypes.pointer(env.user._c_int)


@probe("ctypes.CDLL", "ctypes", ["ctypes.CDLL", "ctypes.cdll.LoadLibrary"], note="CDLL(None): the process itself")
def _(env):
    import ctypes
    return ctypes.CDLL(None)


# ---------------------------------------------------------------- clients of popular third-party libraries
# Probed only where the library is installed (the `catalog` extra); elsewhere these entries keep the
# outcomes measured where it was. Built without a server: every client here connects lazily.
def third_party(module):
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise Unavailable(f"{module} is not installed") from exc


@probe("redis.client.Redis", "client", ["redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url"])
def _(env):
    redis = third_party("redis")
    if int(redis.__version__.split(".")[0]) >= 6:
        # redis 6+ blocks for good when a copy that dill made of a client is collected (its maintenance
        # notifications wait on a copied lock): measured with redis 5.3.1 (the `catalog` extra)
        raise Unavailable(f"redis {redis.__version__}: a collected copy of a client blocks")
    return env.closing(redis.Redis())


@probe("redis.client.Pipeline", "client", ["<Redis>.pipeline"],
       note="a pipeline keeps its client's connection pool (and its lock)")
def _(env):
    return env.closing(third_party("redis").Redis().pipeline(), "reset")


@probe("redis.client.PubSub", "client", ["<Redis>.pubsub"],
       note="a subscription keeps its client's connection pool (and its lock)")
def _(env):
    return env.closing(third_party("redis").Redis().pubsub())


@probe("redis.connection.ConnectionPool", "client", ["redis.ConnectionPool", "redis.connection.ConnectionPool",
                                                     "redis.ConnectionPool.from_url"],
       note="holds a threading lock (redis-py #606: a pool handed to process workers)")
def _(env):
    return env.closing(third_party("redis").ConnectionPool(host="localhost", port=6379, db=0), "disconnect")


@probe("pymongo.mongo_client.MongoClient", "client", ["pymongo.MongoClient"], attributes=True)
def _(env):
    return env.closing(third_party("pymongo").MongoClient(connect=False))


@probe("pymongo.synchronous.database.Database", "client", ["<MongoClient>.__getitem__", "<MongoClient>.__getattr__",
                                                          "<MongoClient>.get_database"], attributes=True,
       note="a database of a client (`client[\"app\"]`, `client.app`: any name the client has not) keeps the client")
def _(env):
    return env.closing(third_party("pymongo").MongoClient(connect=False)).get_database("probe")


@probe("pymongo.synchronous.collection.Collection", "client", ["<Database>.__getitem__", "<Database>.__getattr__",
                                                              "<Database>.get_collection"],
       note="a collection of a client's database (`client[\"app\"][\"users\"]`, `client.app.users`) keeps the client")
def _(env):
    return env.closing(third_party("pymongo").MongoClient(connect=False))["probe"]["items"]


@probe("boto3.session.Session", "client", ["boto3.session.Session", "boto3.Session"])
def _(env):
    return third_party("boto3").session.Session()


@probe("botocore.client.BaseClient", "client", ["boto3.client", "boto3.session.Session.client", "<Session>.client"],
       variant={"S3": "<Service>"},
       note="boto3 makes the client's class per service (botocore.client.S3, .Kinesis, ...: "
            "botocore/client.py ClientCreator._create_client_class), so pickle cannot find it by name; "
            "probed with s3 (botocore #636: a Kinesis client handed to a spawned Process)")
def _(env):
    return third_party("boto3").client("s3", region_name="us-east-1", aws_access_key_id="probe",
                                       aws_secret_access_key="probe")


@probe("boto3.resources.base.ServiceResource", "client", ["boto3.resource", "boto3.session.Session.resource",
                                                         "<Session>.resource"],
       variant={"s3.ServiceResource": "<service>.ServiceResource"},
       note="boto3 makes the resource's class per service (boto3.resources.factory.s3.ServiceResource, ...); "
            "probed with s3")
def _(env):
    return third_party("boto3").resource("s3", region_name="us-east-1", aws_access_key_id="probe",
                                         aws_secret_access_key="probe")


@probe("boto3.resources.base.ServiceResource:sub-resource", "client",
       ["<ServiceResource>.Table", "<ServiceResource>.Bucket", "<ServiceResource>.Object", "<ServiceResource>.Queue",
        "<ServiceResource>.Instance", "<ServiceResource>.Topic"],
       variant={"dynamodb.Table": "<service>.<Resource>"},
       note="a resource's sub-resource (`dynamodb.Table(name)`, `s3.Bucket(name)`): its class is made per service and "
            "resource like the resource's own; probed with a DynamoDB Table")
def _(env):
    return third_party("boto3").resource("dynamodb", region_name="us-east-1", aws_access_key_id="probe",
                                         aws_secret_access_key="probe").Table("probe")


@probe("sqlalchemy.engine.base.Engine", "client", ["sqlalchemy.create_engine"], use=("connect()", locks_free),
       note="an engine on a database file (a QueuePool, as for every server URL; only an in-memory SQLite engine "
            "has a SingletonThreadPool); connect() takes the pool's threading.RLock first, which dill's copy holds "
            "for good (dill #74, Meerschaum PR #39)")
def _(env):
    return env.closing(third_party("sqlalchemy").create_engine(f"sqlite:///{env.path('probe-engine.db')}"),
                       "dispose")


@probe("sqlalchemy.engine.base.Connection", "client", ["<Engine>.connect"],
       note="a connection checked out of an engine on a database file")
def _(env):
    engine = env.closing(third_party("sqlalchemy").create_engine(f"sqlite:///{env.path('probe-connection.db')}"),
                         "dispose")
    return env.closing(engine.connect())


@probe("sqlalchemy.orm.session.Session", "client", ["sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session"],
       use=("execute()", locks_free),
       note="a session bound to an engine on a database file (dill #74: a Session handed to pathos workers); "
            "execute() checks a connection out of the engine's pool, under the pool's threading.RLock")
def _(env):
    sqlalchemy = third_party("sqlalchemy")
    import sqlalchemy.orm
    engine = env.closing(sqlalchemy.create_engine(f"sqlite:///{env.path('probe-session.db')}"), "dispose")
    return env.closing(sqlalchemy.orm.Session(engine))


@probe("requests.sessions.Session", "client", ["requests.Session", "requests.session"])
def _(env):
    return env.closing(third_party("requests").Session())


@probe("httpx.Client", "client", ["httpx.Client"])
def _(env):
    return env.closing(third_party("httpx").Client())


@probe("httpx.AsyncClient", "client", ["httpx.AsyncClient"])
def _(env):
    return third_party("httpx").AsyncClient()


@probe("urllib3.poolmanager.PoolManager", "client", ["urllib3.PoolManager", "urllib3.poolmanager.PoolManager"],
       use=("request()", locks_free),
       note="its pools are kept in a RecentlyUsedContainer guarded by a threading.RLock, which request() takes")
def _(env):
    return env.closing(third_party("urllib3").PoolManager(), "clear")


@probe("paramiko.client.SSHClient", "client", ["paramiko.SSHClient"])
def _(env):
    return env.closing(third_party("paramiko").SSHClient())


@probe("h5py._hl.files.File", "client", ["h5py.File"])
def _(env):
    return env.closing(third_party("h5py").File(env.path("probe.h5"), "w"))


@probe("h5py._hl.dataset.Dataset", "client", ["<File>.__getitem__"],
       note="a dataset read out of an open file by subscript (`fh[\"x\"]`): it holds the file's handle")
def _(env):
    h5py, numpy = third_party("h5py"), third_party("numpy")
    fh = env.closing(h5py.File(env.path("probe-dataset.h5"), "w"))
    fh.create_dataset("x", data=numpy.arange(6))
    return fh["x"]


@probe("zmq.sugar.context.Context", "client", ["zmq.Context", "zmq.Context.instance"])
def _(env):
    return env.closing(third_party("zmq").Context(), "term")


@probe("zmq.sugar.socket.Socket", "client", ["<Context>.socket"],
       note="a socket of a context (pyzmq #1222: sockets and contexts cannot cross to another process)")
def _(env):
    zmq = third_party("zmq")
    context = env.closing(zmq.Context(), "term")
    socket = context.socket(zmq.PUSH)
    socket.setsockopt(zmq.LINGER, 0)
    env.stack.callback(socket.close)  # (closed before the context is terminated: callbacks run last first)
    return socket


@probe("grpc._channel.Channel", "client", ["grpc.insecure_channel", "grpc.secure_channel"])
def _(env):
    return env.closing(third_party("grpc").insecure_channel("localhost:1"))


@probe("botocore.session.Session", "client", ["botocore.session.Session", "botocore.session.get_session"],
       note="smart_open's transport_params session: pickle refuses it (os.environ's encoder, a local function); "
            "cloudpickle and dill copy it")
def _(env):
    return third_party("botocore.session").Session()


@probe("lxml.etree._Element", "client", ["lxml.etree.fromstring", "lxml.etree.XML", "lxml.etree.Element",
                                         "lxml.etree.SubElement", "lxml.html.fromstring", "<_ElementTree>.getroot",
                                         "<_Element>.find", "<_Element>.getparent", "lxml.etree.HTML", "<_ElementTree>.find"],
       note="an element of a parsed document (kraken, trafilatura); the text an xpath() gives pickles")
def _(env):
    return third_party("lxml.etree").fromstring("<a><b>x</b></a>")


@probe("lxml.etree._ElementTree", "client", ["lxml.etree.parse", "lxml.html.parse", "lxml.etree.ElementTree", "<_Element>.getroottree"])
def _(env):
    import io
    return third_party("lxml.etree").parse(io.BytesIO(b"<a><b>x</b></a>"))


@probe("lxml.etree.HTMLParser", "client", ["lxml.etree.HTMLParser", "lxml.html.HTMLParser"])
def _(env):
    return third_party("lxml.etree").HTMLParser()


@probe("lxml.etree.XMLParser", "client", ["lxml.etree.XMLParser"])
def _(env):
    return third_party("lxml.etree").XMLParser()


@probe("jinja2.environment.Environment", "value", ["jinja2.Environment", "jinja2.environment.Environment"])
def _(env):
    return third_party("jinja2").Environment()


@probe("jinja2.environment.Template", "client", ["jinja2.Template", "jinja2.environment.Template",
                                                 "<Environment>.from_string", "<Environment>.get_template"],
       note="a compiled template keeps the functions its code defines (`root`), which pickle cannot find by name")
def _(env):
    return third_party("jinja2").Template("{{ x }}")


@probe("psycopg2.pool.ThreadedConnectionPool", "client", ["psycopg2.pool.ThreadedConnectionPool"],
       note="built with minconn=0, so no server is needed; its threading.Lock is refused (SimpleConnectionPool, "
            "which has none, pickles: no entry)")
def _(env):
    return third_party("psycopg2.pool").ThreadedConnectionPool(0, 2, "dbname=probe host=127.0.0.1 port=1")


@probe("tqdm.std.TqdmDefaultWriteLock", "lock", ["tqdm.tqdm.get_lock", "tqdm.std.tqdm.get_lock", "tqdm.auto.tqdm.get_lock"],
       note="tqdm/std.py: TqdmDefaultWriteLock.locks holds its multiprocessing RLock (mp_lock) and its class-level "
            "threading RLock (th_lock); outside spawning the first is refused (RuntimeError), while a child is "
            "spawned (Pool initargs under spawn) the second (TypeError: cannot pickle '_thread.RLock' object); "
            "https://github.com/tqdm/tqdm/issues/920")
def _(env):
    return third_party("tqdm").tqdm.get_lock()


@probe("tqdm.std.tqdm", "io", ["tqdm.tqdm", "tqdm.std.tqdm", "tqdm.auto.tqdm"],
       note="a progress bar writes to sys.stderr (its `fp`, a TextIOWrapper): handed to a Pool task or a spawned "
            "Process it is refused (a tqdm progress bar in task arguments)")
def _(env):
    return env.closing(third_party("tqdm").tqdm(total=3, disable=False), "close")


# Library objects the fresh_libs5 programs hand over (issue 13): documents, sessions, pools, templates.
LXML_PAGE = b"<page id='1'><line>alpha</line><line>beta</line></page>"






@probe("builtins.list:lxml-findall", "document", ["<_Element>.findall", "<_ElementTree>.findall"],
       items="lxml.etree._Element", note="the elements findall() found (a non-empty list): refused for its items")
def _(env):
    return third_party("lxml.etree").fromstring(LXML_PAGE).findall("line")


@probe("lxml.html.HtmlElement", "document",
       ["lxml.html.fromstring", "lxml.html.document_fromstring", "lxml.html.fragment_fromstring"])
def _(env):
    return third_party("lxml.html").fromstring("<p>text</p>")






@probe("lxml.etree.XPath", "document", ["lxml.etree.XPath"])
def _(env):
    return third_party("lxml.etree").XPath("//line/text()")


@probe("lxml.etree.XMLSyntaxError", "exception",
       ["lxml.etree.XMLSyntaxError", "lxml.etree.ParseError", "lxml.etree.LxmlSyntaxError"],
       note="raised by the parser; it keeps the parser's error log (a _ListErrorLog), so a task that re-raises it "
            "cannot send it back (trafilatura #420)")
def _(env):
    etree = third_party("lxml.etree")
    try:
        etree.fromstring(b"<page><line>")
    except etree.XMLSyntaxError as exc:
        return exc
    raise Unavailable("the parser accepted broken XML")


@probe("httpx.HTTPStatusError", "exception", ["httpx.HTTPStatusError"],
       raised_by=["httpx.<Response>.raise_for_status"],
       note="raise_for_status() of a 4xx/5xx response: its __init__ takes `request` and `response` as required "
            "keyword-only arguments that its args do not hold, so the copy cannot be rebuilt (httpx PR #3207)")
def _(env):
    httpx = third_party("httpx")
    response = httpx.Response(503, request=httpx.Request("GET", "https://mirror.invalid/status"))
    return raised(httpx.HTTPStatusError, response.raise_for_status)


@probe("lxml.etree.LxmlError", "exception", ["lxml.etree.LxmlError"],
       note="the base of lxml's exceptions: each keeps a copy of the error log (`except etree.LxmlError: raise`)")
def _(env):
    return third_party("lxml.etree").LxmlError("probe")


@probe("lxml.etree.XPathEvalError", "exception", ["lxml.etree.XPathEvalError", "lxml.etree.XPathError"],
       note="raised by an XPath evaluation; it keeps the error log")
def _(env):
    etree = third_party("lxml.etree")
    try:
        etree.fromstring(LXML_PAGE).xpath("//[")
    except etree.XPathEvalError as exc:
        return exc
    raise Unavailable("the XPath was accepted")






@probe("psycopg2.pool.SimpleConnectionPool", "client", ["psycopg2.pool.SimpleConnectionPool"],
       note="minconn=0: no connection is made; no lock, so it pickles (a near miss of ThreadedConnectionPool)")
def _(env):
    return third_party("psycopg2.pool").SimpleConnectionPool(0, 2, "dbname=probe")


@probe("kafka.producer.kafka.KafkaProducer", "client", ["kafka.KafkaProducer", "kafka.producer.KafkaProducer"],
       note="api_version given, toward a closed port: no broker is reached; close() stops its sender thread "
            "(kafka-python #570)")
def _(env):
    return env.closing(third_party("kafka").KafkaProducer(bootstrap_servers="localhost:9", api_version=(2, 0, 0)))


# Measured for tests/corpus/fresh_libs6 (session 14): objects of libraries people hand to worker processes.
@probe("cv2.VideoCapture", "client", ["cv2.VideoCapture"],
       note="a capture on a video file (opencv #17405, AlphaPose #164: a capture returned from a worker or kept on "
            "the loader whose bound method is a Process target)")
def _(env):
    cv2, numpy = third_party("cv2"), third_party("numpy")
    path = env.path("probe.avi")
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"MJPG"), 5, (16, 16))
    writer.write(numpy.zeros((16, 16, 3), numpy.uint8))
    writer.release()
    return env.closing(cv2.VideoCapture(path), "release")


@probe("cv2.VideoWriter", "client", ["cv2.VideoWriter"])
def _(env):
    cv2 = third_party("cv2")
    return env.closing(cv2.VideoWriter(env.path("probe-out.avi"), cv2.VideoWriter_fourcc(*"MJPG"), 5, (16, 16)),
                       "release")


# Measured for tests/corpus/fresh_libs14 (session 26): OpenCV's algorithm objects and feature records are C++
# objects without pickle support (RITnet #12: a dataset keeping `cv2.createCLAHE(...)` for DataLoader workers).
@probe("cv2.CLAHE", "client", ["cv2.createCLAHE"],
       note="an image-enhancement operator; a dataset that makes it in __init__ cannot reach spawned DataLoader "
            "workers (RITnet #12)")
def _(env):
    return third_party("cv2").createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))


@probe("cv2.ORB", "client", ["cv2.ORB_create", "cv2.ORB.create"])
def _(env):
    return third_party("cv2").ORB_create()


@probe("cv2.SIFT", "client", ["cv2.SIFT_create", "cv2.SIFT.create"])
def _(env):
    return third_party("cv2").SIFT_create()


@probe("cv2.BFMatcher", "client", ["cv2.BFMatcher", "cv2.BFMatcher_create", "cv2.BFMatcher.create"])
def _(env):
    return third_party("cv2").BFMatcher()


@probe("cv2.FlannBasedMatcher", "client", ["cv2.FlannBasedMatcher", "cv2.FlannBasedMatcher_create",
                                           "cv2.FlannBasedMatcher.create"])
def _(env):
    return third_party("cv2").FlannBasedMatcher()


@probe("cv2.BackgroundSubtractorMOG2", "client", ["cv2.createBackgroundSubtractorMOG2"])
def _(env):
    return third_party("cv2").createBackgroundSubtractorMOG2()


@probe("cv2.KeyPoint", "client", ["cv2.KeyPoint"],
       note="a detected feature point (what a detector's detect() returns a tuple of)")
def _(env):
    return third_party("cv2").KeyPoint(1.0, 2.0, 3.0)


def _gcs_client():
    storage = third_party("google.cloud.storage")
    credentials = third_party("google.auth.credentials")
    return storage.Client(project="probe", credentials=credentials.AnonymousCredentials())


@probe("google.cloud.storage.client.Client", "client",
       ["google.cloud.storage.Client", "google.cloud.storage.client.Client",
        "google.cloud.storage.Client.create_anonymous_client"],
       note="built offline with AnonymousCredentials; google-cloud clients refuse pickling on purpose "
            "(google-cloud-python #3211)")
def _(env):
    return _gcs_client()


@probe("google.cloud.storage.bucket.Bucket", "client", ["<Client>.bucket", "google.cloud.storage.Bucket"],
       note="a bucket keeps its client (square/bionic #113)")
def _(env):
    return _gcs_client().bucket("probe")


@probe("google.cloud.storage.blob.Blob", "client", ["<Bucket>.blob", "google.cloud.storage.Blob"],
       note="a blob keeps its bucket and so the client")
def _(env):
    return _gcs_client().bucket("probe").blob("a.csv")


@probe("rich.progress.Progress", "client", ["rich.progress.Progress"],
       note="auto_refresh=False (no refresh thread); its RLock is refused (rich #146, #1120)")
def _(env):
    console = third_party("rich.console").Console(file=env.closing(open(os.devnull, "w")))
    return third_party("rich.progress").Progress(console=console, auto_refresh=False)


@probe("rich.console.Console", "client", ["rich.console.Console", "rich.get_console"],
       note="a console on stderr: its RLock is refused")
def _(env):
    return third_party("rich.console").Console(stderr=True)


@probe("aiohttp.client.ClientSession", "client", ["aiohttp.ClientSession", "aiohttp.client.ClientSession"],
       note="made inside a running loop and closed there; no request is made (omnilib/aiomultiprocess #186)")
def _(env):
    aiohttp = third_party("aiohttp")

    async def make():
        return aiohttp.ClientSession()

    loop = env.loop()
    session = loop.run_until_complete(make())
    env.stack.callback(lambda: loop.run_until_complete(session.close()))
    return session


@probe("pymysql.connections.Connection", "client", ["pymysql.connect", "pymysql.Connection", "pymysql.Connect",
                                                    "pymysql.connections.Connection"],
       note="defer_connect=True: no server is contacted (PyMySQL #267)")
def _(env):
    return third_party("pymysql").connect(host="127.0.0.1", port=1, user="probe", defer_connect=True)


@probe("psycopg_pool.pool.ConnectionPool", "client", ["psycopg_pool.ConnectionPool", "psycopg_pool.pool.ConnectionPool"],
       note="open=False: no connection is made; its locks are refused (psycopg #651)")
def _(env):
    return third_party("psycopg_pool").ConnectionPool("host=127.0.0.1 port=1 dbname=probe", open=False)


def _parquet_file(env):
    pa, pq = third_party("pyarrow"), third_party("pyarrow.parquet")
    path = env.path("probe.parquet")
    if not os.path.exists(path):
        pq.write_table(pa.table({"x": [1, 2, 3]}), path)
    return path


@probe("pyarrow.parquet.core.ParquetFile", "client", ["pyarrow.parquet.ParquetFile"],
       note="an open Parquet file (apache/arrow #1946: a dataset keeping one, mapped over by worker processes)")
def _(env):
    return env.closing(third_party("pyarrow.parquet").ParquetFile(_parquet_file(env)))


@probe("pyarrow.parquet.core.ParquetWriter", "client", ["pyarrow.parquet.ParquetWriter"])
def _(env):
    pa, pq = third_party("pyarrow"), third_party("pyarrow.parquet")
    return env.closing(pq.ParquetWriter(env.path("probe-writer.parquet"), pa.schema([("x", pa.int64())])))


@probe("pyarrow._dataset_parquet.ParquetFileFormat", "value", ["pyarrow.dataset.ParquetFileFormat"],
       note="picklable itself; its make_write_options() is not")
def _(env):
    return third_party("pyarrow.dataset").ParquetFileFormat()


@probe("pyarrow._dataset_parquet.ParquetFileWriteOptions", "client", ["<ParquetFileFormat>.make_write_options"],
       note="dask-contrib/dask-deltatable #51: the options cannot be pickled, a Mapping of them can")
def _(env):
    return third_party("pyarrow.dataset").ParquetFileFormat().make_write_options(compression="zstd")


# cryptography's keys (session 23, tests/corpus/fresh_libs11 wazuh9060): rust objects since cryptography 42, cffi
# handles (the "_cffi_backend.FFI" of wazuh #9060) before; neither pickles. Fernet is left out on purpose: it was a
# plain Python class holding bytes, which pickles, before it moved to rust.
_ASYMMETRIC = "cryptography.hazmat.primitives.asymmetric"
_SERIALIZATION = "cryptography.hazmat.primitives.serialization"


def _ed25519_key():
    return third_party(_ASYMMETRIC + ".ed25519").Ed25519PrivateKey.generate()


@probe("cryptography.hazmat.bindings._rust.openssl.ed25519.Ed25519PrivateKey", "client",
       [f"{_ASYMMETRIC}.ed25519.Ed25519PrivateKey.generate", f"{_ASYMMETRIC}.ed25519.Ed25519PrivateKey.from_private_bytes"],
       note="wazuh/wazuh #9060: a request object holding the key, sent whole to a ProcessPoolExecutor")
def _(env):
    return _ed25519_key()


@probe("cryptography.hazmat.bindings._rust.openssl.ed25519.Ed25519PrivateKey:loaded", "client",
       [f"{_SERIALIZATION}.load_pem_private_key", f"{_SERIALIZATION}.load_der_private_key",
        f"{_SERIALIZATION}.load_ssh_private_key"],
       note="a key read back from its PEM bytes: every key class of the library is refused alike")
def _(env):
    serialization = third_party(_SERIALIZATION)
    pem = _ed25519_key().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
    return serialization.load_pem_private_key(pem, password=None)


@probe("cryptography.hazmat.bindings._rust.openssl.rsa.RSAPrivateKey", "client",
       [f"{_ASYMMETRIC}.rsa.generate_private_key"])
def _(env):
    return third_party(_ASYMMETRIC + ".rsa").generate_private_key(public_exponent=65537, key_size=2048)


@probe("cryptography.hazmat.bindings._rust.openssl.ec.ECPrivateKey", "client",
       [f"{_ASYMMETRIC}.ec.generate_private_key"])
def _(env):
    ec = third_party(_ASYMMETRIC + ".ec")
    return ec.generate_private_key(ec.SECP256R1())


# dask.distributed (session 23, tests/corpus/fresh_libs11 ogcore392): a client and the cluster it talks to, made in
# this process (threads, no worker process); dask pickles a task's arguments with pickle (cloudpickle for what pickle
# refuses), so what pickle refuses here fails at client.submit too
def _distributed_client(env):
    import copyreg
    # importing distributed installs tblib's reducers (every exception class, tracebacks) and its own for re.Pattern
    # and more in copyreg's table: the objects probed after it would be measured with them. The table is put back
    # as it was (the Client's refusal, its asyncio Task, owes nothing to them).
    table = dict(copyreg.dispatch_table)
    try:
        distributed = third_party("distributed")
        client = distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0")
    finally:
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(table)
    env.stack.callback(client.close)
    return client


@probe("distributed.client.Client", "client",
       ["distributed.Client", "dask.distributed.Client", "distributed.client.Client"],
       note="PSLmodels/OG-Core #392: the client stored on the parameters object given to client.submit")
def _(env):
    return _distributed_client(env)


@probe("distributed.deploy.local.LocalCluster", "client",
       ["distributed.LocalCluster", "dask.distributed.LocalCluster", "distributed.deploy.local.LocalCluster"])
def _(env):
    return _distributed_client(env).cluster














# ---------------------------------------------------------------- running the probes
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")
QUOTED_PATH = re.compile(r"""(['"])/[^'"]*\1""")


FILE_NUMBER = re.compile(r"\bfile \d+\b")


def normalise(text, env):
    text = text.replace(env.tmp, "<tmp>")
    text = ADDRESS.sub("0x...", text)
    text = QUOTED_PATH.sub(lambda m: f"{m.group(1)}...{m.group(1)}", text)
    text = FILE_NUMBER.sub("file <fd>", text)  # (a socket's makefile() is named by its fd: whatever was open before)
    return text.replace(USER_MODULE, "{module}")


def describe(exc, env):
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    return normalise(f"{name}: {exc}", env)


def qualified_type(obj):
    kind = type(obj)
    module = kind.__module__
    if module in ("__main__", __name__):  # a type made on the fly (ctypes.pointer) takes its caller's module
        return kind.__qualname__
    name = kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"
    return name.replace(USER_MODULE, "{module}")


def serializers(names=SERIALIZERS):
    """The serializers available here: name -> (dumps, loads, version)."""
    found = {}
    for name in names:
        if name == "pickle":
            found[name] = (pickle.dumps, pickle.loads, None)
            continue
        if name == "forkingpickler":
            from multiprocessing.reduction import ForkingPickler
            found[name] = (lambda obj: bytes(ForkingPickler.dumps(obj)), pickle.loads, None)
            continue
        try:
            module = __import__(name)
        except ImportError:
            continue
        found[name] = (module.dumps, module.loads, getattr(module, "__version__", None))
    return found


def attempt(entry, obj, dumps, loads, env):
    result = {}
    copy = None
    with warnings.catch_warnings():  # what earlier probes left for the collector is no warning of this one
        warnings.simplefilter("ignore")
        gc.collect()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            data = dumps(obj)
        except Exception as exc:  # noqa: BLE001 - recording the error is the point
            result.update(ok=False, error=describe(exc, env))
            notes = getattr(exc, "__notes__", None)
            if notes:
                result["notes"] = [normalise(n, env) for n in notes]
        else:
            result["ok"] = True
            try:
                copy = loads(data)
            except Exception as exc:  # noqa: BLE001
                result.update(roundtrip=False, roundtrip_error=describe(exc, env))
            else:
                result["roundtrip"] = True
                if entry.get("use") is not None:
                    what, use = entry["use"]
                    if not use(copy):
                        result["unusable"] = f"{what} blocks on the copy"
    messages = sorted({f"{w.category.__name__}: {normalise(str(w.message), env)}" for w in caught})
    if messages:
        result["warnings"] = messages
    if copy is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a copy's own unclosed file is no finding of the original
            if entry["forget"] is not None:
                entry["forget"](copy)
            del copy
    return result


def probe_all(names=SERIALIZERS, keys=None):
    """{key: {"type": ..., "pickle": {...}, ...}} for this interpreter; unavailable probes are left out.

    Plain pickle is tried before cloudpickle and dill are imported. The probes run with the real standard
    streams in sys.stdin/stdout/stderr (a test runner replaces them; cloudpickle pickles sys.stdout by
    reference only when it is the object given, and a Thread keeps sys.stderr) and in an empty
    contextvars.Context (objects such as an event loop's handles keep a copy of the current one).
    """
    import contextvars
    with real_stdio():
        return contextvars.Context().run(_probe_all, names, keys)


@contextlib.contextmanager
def real_stdio():
    saved = {name: getattr(sys, name) for name in ("stdin", "stdout", "stderr")}
    try:
        for name in saved:
            real = getattr(sys, f"__{name}__")
            if real is not None:
                setattr(sys, name, real)
        yield
    finally:
        for name, stream in saved.items():
            setattr(sys, name, stream)


def _probe_all(names, keys):
    env = Env()
    results: dict = {}
    try:
        objects = {}
        for entry in PROBES:
            if keys is not None and entry["key"] not in keys:
                continue
            try:
                objects[entry["key"]] = (entry, entry["make"](env))
            except Unavailable:
                continue
        # Each attempt collects garbage first (attempt: what earlier probes left is no warning of this one).
        # The probed objects (boto3 clients, numpy, grpc channels) and, under pytest, the suite's own objects
        # make a heap of ~300,000 objects that lives until the end, so each of the ~900 attempts per serializer
        # scanned it all (half a second each: minutes per serializer). Frozen, a collection skips it and walks
        # only what the attempts make; thawed while a serializer that looks for objects in the heap runs (not while
        # the attempt collects: dill's attempts took 8 of the suite's 20 minutes under load).
        gc.collect()
        gc.freeze()
        for name in names:
            available = serializers((name,))
            if name not in available:
                continue
            dumps, loads, _ = available[name]
            if name in SEES_THE_WHOLE_HEAP:
                dumps, loads = thawed(dumps), thawed(loads)
            for key, (entry, obj) in objects.items():
                row = results.setdefault(key, {"type": variant(entry, qualified_type(obj))})
                if entry.get("attributes"):
                    row["attributes"] = sorted(n for n in dir(obj) if not n.startswith("_"))
                if entry.get("raised_by"):  # the names a handler may catch it by: its class and its bases
                    row["bases"] = [cls.__name__ for cls in type(obj).__mro__ if cls is not object]
                row[name] = variant(entry, attempt(entry, obj, dumps, loads, env))
        objects.clear()
    finally:
        gc.unfreeze()
        env.close()
    return results


def thawed(function):
    """`function` run with the frozen heap back in gc.get_objects(), frozen again after. Freezing and thawing
    move whole generations, so they cost nothing per object; what the call made is frozen with the rest, which
    only keeps it out of the next attempt's collection (whose warnings are ignored anyway)."""
    def run(value):
        gc.unfreeze()
        try:
            return function(value)
        finally:
            gc.freeze()
    return run


def variant(entry, found):
    """`found` (a type name, an outcome) with the words of the probed argument replaced (``variant``)."""
    if not entry.get("variant"):
        return found
    if isinstance(found, dict):
        return {k: variant(entry, v) for k, v in found.items()}
    if isinstance(found, list):
        return [variant(entry, v) for v in found]
    if isinstance(found, str):
        for text, placeholder in entry["variant"].items():
            found = re.sub(rf"\b{re.escape(text)}\b", placeholder, found)
    return found


def version_key():
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def catalog_entry(entry):
    meta = {"kind": entry["kind"], "factories": entry["factories"]}
    if entry["note"]:
        meta["note"] = entry["note"]
    if entry["when"]:
        meta["when"] = entry["when"]
    if entry.get("held"):
        meta["held"] = True
    if entry.get("items"):
        meta["items"] = entry["items"]
    if entry.get("raised_by"):
        meta["raised_by"] = entry["raised_by"]
    return meta


def build(catalog=None, names=SERIALIZERS, results=None, keys=None):
    """The catalog with this interpreter's version (re)computed; other versions are kept as they are. With
    `keys`, only those probes are run and only their rows change (a new probe measured without re-running
    the ~900 others)."""
    catalog = catalog or {"schema": SCHEMA, "objects": {}, "serializers": {}}
    version = version_key()
    if results is None:
        results = probe_all(names, keys)
    for entry in PROBES:
        key = entry["key"]
        if keys is not None and key not in keys:
            continue
        row = catalog["objects"].setdefault(key, {"versions": {}})
        for field in ("note", "when", "held"):
            row.pop(field, None)
        row.update(catalog_entry(entry))
        if key in results:
            row["versions"][version] = results[key]
        else:
            row["versions"].pop(version, None)
    if keys is not None and version in catalog["serializers"]:
        return catalog  # (the versions of a full run stay: measure with the same cloudpickle and dill)
    catalog["serializers"][version] = {
        "python": ".".join(map(str, sys.version_info[:3])),
        **{name: info[2] for name, info in serializers(("cloudpickle", "dill")).items() if name in names},
    }
    catalog["schema"] = SCHEMA
    catalog["normalisation"] = ("addresses -> 0x...; the probe's temporary folder -> <tmp>; other quoted absolute "
                                "paths -> '...'; a file named by its descriptor -> file <fd>; the module holding "
                                "module-level user code -> {module}")
    return catalog


def dump(catalog):
    return json.dumps(catalog, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="the JSON catalog to write")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other Python versions already in --out, replace this one")
    parser.add_argument("--limit", type=int, default=900,
                        help="seconds the whole run may take before it is stopped with every thread's traceback "
                             "(a probe that blocks must not hang the run; with the third-party libraries loaded on "
                             "a busy machine the run takes several minutes)")
    parser.add_argument("--keys", nargs="+", default=None,
                        help="probe only these catalog keys and change only their rows (with --merge)")
    args = parser.parse_args(argv)
    import faulthandler
    faulthandler.dump_traceback_later(args.limit, exit=True)
    catalog = None
    if args.merge and os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as f:
            catalog = json.load(f)
    catalog = build(catalog, keys=set(args.keys) if args.keys else None)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(dump(catalog))
    print(f"{args.out}: {len(catalog['objects'])} objects, Python {version_key()}", file=sys.stderr)


if __name__ == "__main__":
    main()
