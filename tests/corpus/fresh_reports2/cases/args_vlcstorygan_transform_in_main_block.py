# family: args
# hazard: target-in-main-block
# line: 53 33
# timeout: 15
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: Shape of https://github.com/adymaharana/VLCStoryGan/issues/9 ("AttributeError: Can't get attribute 'video_transform' on <module '__mp_main__' from '...train_vlcgan.py'>" on Windows): the training script defines the frame transform inside its main block and stores it on the dataset that the data-loading worker processes receive; a spawned worker unpickles the dataset by re-importing the script, where the transform does not exist.
"""Load story frames in worker processes and apply the script's transform."""
import multiprocessing
import queue
import sys


class StoryDataset:
    def __init__(self, stories, transform):
        self.stories = stories
        self.transform = transform

    def __len__(self):
        return len(self.stories)

    def __getitem__(self, index):
        return [self.transform(frame) for frame in self.stories[index]]


def loader_worker(dataset, indices, out):
    for i in indices:
        out.put((i, dataset[i]))


def load_all(dataset, num_workers=2):
    out = multiprocessing.Queue()
    shards = [list(range(len(dataset)))[w::num_workers] for w in range(num_workers)]
    workers = [multiprocessing.Process(target=loader_worker, args=(dataset, shard, out)) for shard in shards]
    for w in workers:
        w.start()
    batches = {}
    try:
        for _ in range(len(dataset)):
            i, frames = out.get(timeout=5)
            batches[i] = frames
    except queue.Empty:
        pass
    for w in workers:
        w.join()
    return [batches[i] for i in sorted(batches)]


if __name__ == "__main__":
    def video_transform(frame):
        return [pixel / 255.0 for pixel in frame]

    stories = [[[0, 255], [51, 102]], [[255, 255], [0, 0]], [[10, 20], [30, 40]]]
    train_dataset = StoryDataset(stories, video_transform)
    batches = load_all(train_dataset)
    print("RESULT=%d" % len(batches))
    sys.exit(0 if len(batches) == len(stories) else 3)
