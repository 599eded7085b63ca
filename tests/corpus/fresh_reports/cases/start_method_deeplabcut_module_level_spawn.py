# family: start_method
# hazard: set-start-method-misuse
# line: 18
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/DeepLabCut/DeepLabCut/issues/1362 (the test script's `mp.set_start_method('spawn')` at line 24, outside any main guard, raised "RuntimeError: context has already been set" from "File .../multiprocessing/spawn.py ... _fixup_main_from_path" in the child): the spawned child re-runs the script's top level after its start method was already set.
"""Analyse a few videos with one worker process each."""
import multiprocessing as mp
import os
import sys
import tempfile

TASK = "reaching"
SCORER = "Tester"
NUM_FRAMES = 5
VIDEO_FOLDER = tempfile.gettempdir()

print("Imported DeepLabCut test script")
mp.set_start_method("spawn")


def analyze_video(video, queue):
    frames = ["%s-frame%d" % (os.path.basename(video), i) for i in range(NUM_FRAMES)]
    queue.put((video, len(frames)))


def main():
    videos = [os.path.join(VIDEO_FOLDER, "%s-%d.avi" % (TASK, i)) for i in range(2)]
    queue = mp.Queue()
    workers = [mp.Process(target=analyze_video, args=(video, queue)) for video in videos]
    for w in workers:
        w.start()
    counts = dict(queue.get(timeout=5) for _ in workers)
    for w in workers:
        w.join()
    print("RESULT=%d" % sum(counts.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
