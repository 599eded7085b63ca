# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of https://github.com/tadata-org/fastapi_mcp/pull/332 and issue 12's "`if os.name == "posix":` (also at the caller)": launch_forked() asks for the fork context unconditionally, but its only caller reaches it under `if os.name == "posix"` and runs the job inline elsewhere; the closure target is never pickled.
"""Compress log directories, in a forked child where the OS allows it."""
import multiprocessing
import os
import zlib


def launch_forked(target, *args):
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(target=target, args=args)
    proc.start()
    return proc


def make_compressor(level):
    def compress(name, payload, out):
        out.put((name, len(zlib.compress(payload, level))))
    return compress


def compress_logs(logs, level=6):
    compress = make_compressor(level)
    if os.name == "posix":
        out = multiprocessing.get_context("fork").Queue()
        procs = [launch_forked(compress, name, data, out) for name, data in logs.items()]
        sizes = dict(out.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join(5)
        return sizes
    inline = {}
    for name, data in logs.items():
        inline[name] = len(zlib.compress(data, level))
    return inline


def main():
    logs = {"app.log": b"GET / 200\n" * 200, "db.log": b"slow query\n" * 50}
    sizes = compress_logs(logs)
    print("RESULT=%s" % sorted(sizes))


if __name__ == "__main__":
    main()
