# family: calls
# hazard: unpicklable-argument
# line: 31 32
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/bahruzjabiyev/t-reqs/issues/1 ("TypeError: cannot pickle '_thread.lock' object" from proc.start() on macOS: the fuzzer starts processes whose target belongs to an object holding a lock) crossed with a CLI that picks its handler with getattr(self, "cmd_" + name). The handler is a bound method, so its instance is pickled under spawn/forkserver, and the instance holds a threading.Event (a Condition around a lock): "cannot pickle '_thread.lock' object". Fork inherits it.
"""Tiny ops CLI: each subcommand runs in its own process so a crash can't take the shell down.

Usage: opsctl.py {ping,flush} TARGET
"""
import multiprocessing
import sys
import threading


class OpsCtl:
    def __init__(self, out):
        self.out = out
        self.shutdown = threading.Event()
        self.timeout = 5

    def cmd_ping(self, target):
        self.out.put("pong from %s" % target)

    def cmd_flush(self, target):
        self.out.put("flushed %s" % target)

    def dispatch(self, command, target):
        handler = getattr(self, "cmd_" + command, None)
        if handler is None:
            raise SystemExit("unknown command %r" % command)
        proc = multiprocessing.Process(target=handler, args=(target,), name=command)
        proc.start()
        reply = self.out.get(timeout=self.timeout)
        proc.join(self.timeout)
        return reply


def main(argv):
    out = multiprocessing.Queue()
    ctl = OpsCtl(out)
    replies = [ctl.dispatch(cmd, tgt) for cmd, tgt in argv]
    print("RESULT=%s" % replies)


if __name__ == "__main__":
    main([("ping", "db1"), ("flush", "cache2")])
