# family: args
# hazard: none
# line: none
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: A working variant of the dataset in https://github.com/jwyang/graph-rcnn.pytorch/issues/39 ("Can't pickle local object 'vg_hdf5.gt_roidb.<locals>.<lambda>'"): the sort key kept on the dataset is operator.itemgetter(1), which pickles, so the data-loader workers receive the dataset under every start method.
"""Load Visual Genome scene graphs in data-loader worker processes."""
import multiprocessing
import operator


class VGHdf5:
    def __init__(self, split="train"):
        self.split = split
        self.images = [{"id": i, "boxes": [(i, 3), (i, 1), (i, 2)]} for i in range(8)]
        self.gt_roidb()

    def gt_roidb(self):
        self.box_key = operator.itemgetter(1)
        self.roidb = [sorted(img["boxes"], key=self.box_key) for img in self.images]

    def __getitem__(self, index):
        return self.roidb[index]


def loader_worker(dataset, indices, out):
    out.put([dataset[i][0] for i in indices])


class DataLoader:
    def __init__(self, dataset, num_workers=2):
        self.dataset = dataset
        self.num_workers = num_workers

    def load_all(self):
        out = multiprocessing.Queue()
        n = len(self.dataset.roidb)
        workers = []
        for w in range(self.num_workers):
            idx = list(range(w, n, self.num_workers))
            p = multiprocessing.Process(target=loader_worker, args=(self.dataset, idx, out))
            p.start()
            workers.append(p)
        batches = [out.get(timeout=10) for _ in workers]
        for p in workers:
            p.join()
        return sum(len(b) for b in batches)


if __name__ == "__main__":
    loader = DataLoader(VGHdf5("train"), num_workers=2)
    print("RESULT=%d" % loader.load_all())
