# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The usual answer to https://github.com/DeepLabCut/DeepLabCut/issues/1362: the start method is set once, under the main guard, so the spawned children that re-import the script do not set it again.
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


def analyze_video(video, queue):
    frames = ["%s-frame%d" % (os.path.basename(video), i) for i in range(NUM_FRAMES)]
    queue.put((video, len(frames)))


def main():
    videos = [os.path.join(VIDEO_FOLDER, "%s-%d.avi" % (TASK, i)) for i in range(2)]
    queue = mp.Queue()
    workers = [mp.Process(target=analyze_video, args=(video, queue)) for video in videos]
    for w in workers:
        w.start()
    counts = dict(queue.get(timeout=10) for _ in workers)
    for w in workers:
        w.join()
    print("RESULT=%d" % sum(counts.values()))
    return 0


if __name__ == "__main__":
    mp.set_start_method("spawn")
    sys.exit(main())
