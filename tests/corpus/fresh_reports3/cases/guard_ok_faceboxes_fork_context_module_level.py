# family: guard
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: A near miss for https://github.com/610265158/faceboxes-tensorflow/issues/6 ("An attempt has been made to start a new process before the current process has finished its bootstrapping phase"): the training script still starts its data-producer processes at module level, but it feature-tests for fork and takes an explicit fork context; a forked child never re-imports the script, so there is no bootstrap error whatever the platform default (the script exits early where fork does not exist).
"""Produce face-detection training batches in background processes."""
import multiprocessing
import os
import sys

if not hasattr(os, "fork") or sys.platform == "win32":
    print("RESULT=unsupported")
    sys.exit(0)

ctx = multiprocessing.get_context("fork")


def producer(shard, queue):
    queue.put((shard, [shard * 10 + i for i in range(3)]))


queue = ctx.Queue()
producers = [ctx.Process(target=producer, args=(s, queue)) for s in range(2)]
for p in producers:
    p.start()
batches = sorted(queue.get(timeout=10) for _ in producers)
for p in producers:
    p.join()
print("RESULT=%s" % batches)
