# family: callable
# hazard: none
# line: none
# files: r14kit/transforms.py r14kit/clip_load_fixed.py r14kit/loader.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/openai/CLIP/pull/151 -- the fix, "In Compose, replace lambda function with named function": the RGB conversion is the module-level _convert_image_to_rgb, so the dataset holding the preprocess pipeline pickles by reference for every loader worker
"""Embed a small image gallery with a CLIP-like model, loading the images with worker processes."""
import argparse
import sys

from r14kit import clip_load_fixed as clip_load
from r14kit.loader import DataLoader
from r14kit.transforms import Image


def make_gallery(n: int):
    return [Image("L", 16, 1, [(7 * i + j) % 256 for j in range(16)]) for i in range(n)]


class GalleryDataset:
    """Keeps the raw images and the model's preprocess transform."""

    def __init__(self, images, preprocess):
        self.images = images
        self.preprocess = preprocess

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.preprocess(self.images[i])


class GalleryIndexer:
    def __init__(self, model_name: str, workers: int):
        self.model, self.preprocess = clip_load.load(model_name)
        self.workers = workers
        self.embeddings = []

    def build(self, images):
        dataset = GalleryDataset(images, self.preprocess)
        loader = DataLoader(dataset, num_workers=self.workers)
        for values in loader:
            self.embeddings.append(self.model.encode_image(values))
        return self.embeddings


def expected_embeddings(images, model_name):
    model, preprocess = clip_load.load(model_name)
    return [model.encode_image(preprocess(img)) for img in images]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="embed-gallery")
    parser.add_argument("--model", default="ViT-B/32")
    parser.add_argument("--images", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    images = make_gallery(args.images)
    indexer = GalleryIndexer(args.model, args.workers)
    got = indexer.build(images)
    want = expected_embeddings(images, args.model)
    print(f"RESULT={len(got)}:{round(sum(got), 4)}")
    return 0 if got == want else 3


if __name__ == "__main__":
    sys.exit(main())
