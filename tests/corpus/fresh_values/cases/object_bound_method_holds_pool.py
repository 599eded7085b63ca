# family: object
# hazard: unpicklable-argument
# line: 39 38
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/stratospark/food-101-keras/issues/7 (tools/image_gen_extended.py: self.pool.map(process_image_worker, ((self.image_data_generator.process, x, rng) ...)) raised a PicklingError): each task tuple carries the bound method of a generator object that also holds the pool itself ("pool objects cannot be passed between processes or pickled").
"""Augment batches of (simulated) images on a pool."""
import multiprocessing
import random


def flip(x, rng):
    return x[::-1] if rng.random() < 0.5 else x


def scale(x, rng):
    return [v * 2 for v in x]


def process_image_worker(tup):
    process, x, seed = tup
    return process(x, random.Random(seed))


class ImageDataGenerator:
    def __init__(self, pool=None):
        self.pool = pool
        self.pipeline = []

    def set_pipeline(self, steps):
        self.pipeline = list(steps)

    def process(self, x, rng):
        for step in self.pipeline:
            x = step(x, rng)
        return x

    def flow(self, batch, seed):
        tasks = ((self.process, x, seed + i) for i, x in enumerate(batch))
        return self.pool.map(process_image_worker, tasks)


def main():
    with multiprocessing.Pool(2) as pool:
        datagen = ImageDataGenerator(pool=pool)
        datagen.set_pipeline([flip, scale])
        batch = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
        print(datagen.flow(batch, seed=11))


if __name__ == "__main__":
    main()
