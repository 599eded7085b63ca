#!/usr/bin/env python3
"""What each multiprocessing lock, queue and shared value says when it is pickled into a Pool task, under one
start method: the facts of server/mpguard/semantic/data/inheritance_types.json (MP204's message).

    python scripts/probe_inheritance.py fork|spawn|forkserver

prints one line per constructor, "<name>\t<exception type>: <first line>". On 3.10.13, 3.11.7, 3.12.1, 3.13.0
and 3.14.10 (Linux) every method printed the same lines; tests/test_sync_type_names.py checks the running
interpreter against the table."""
import multiprocessing as mp
import sys


def task(x):
    return 1


MAKERS = {
    "Lock": lambda c: c.Lock(), "RLock": lambda c: c.RLock(), "Semaphore": lambda c: c.Semaphore(),
    "BoundedSemaphore": lambda c: c.BoundedSemaphore(), "Condition": lambda c: c.Condition(),
    "Event": lambda c: c.Event(), "Barrier": lambda c: c.Barrier(2), "Queue": lambda c: c.Queue(),
    "JoinableQueue": lambda c: c.JoinableQueue(), "SimpleQueue": lambda c: c.SimpleQueue(),
    "Value": lambda c: c.Value("i", 0), "Array": lambda c: c.Array("i", 3),
    "RawValue": lambda c: c.RawValue("i", 0), "RawArray": lambda c: c.RawArray("i", 3),
    "Value(lock=False)": lambda c: c.Value("i", 0, lock=False),
}

if __name__ == "__main__":
    method = sys.argv[1]
    ctx = mp.get_context(method)
    with ctx.Pool(1) as pool:
        for name, make in MAKERS.items():
            obj = make(ctx)
            try:
                pool.apply(task, (obj,))
                print(f"{name}\tOK")
            except Exception as e:
                print(f"{name}\t{type(e).__module__}.{type(e).__qualname__}: {str(e).splitlines()[0]}")
