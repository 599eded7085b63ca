# family: start_method
# hazard: unpicklable-native-object-in-dataloader-dataset
# line: 45 38
# files: l26kit/__init__.py l26kit/eyeimages.py l26kit/eyeset_eager.py
# timeout: 60
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/AayushKrChaudhary/RITnet/issues/12 -- "TypeError: cannot pickle 'cv2.CLAHE' object" from `for i, batchdata in tqdm(enumerate(testloader))` in test.py: the IrisDataset builds cv2.createCLAHE in __init__, and a DataLoader with worker processes pickles the dataset for each worker where they are spawned (Windows there; spawn and forkserver here), while fork inherits it
"""Run the eye-segmentation evaluation over the test split (RITnet test.py shape)."""
import argparse
from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader

from l26kit.eyeset_eager import IrisDataset


@dataclass
class EvalConfig:
    batch_size: int = 4
    workers: int = 2
    count: int = 12


class TinySegmenter(torch.nn.Module):
    """Stands in for the DenseNet2D model: one conv layer and a pupil/background score."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 2, kernel_size=3, padding=1)

    def forward(self, x):
        return self.conv(x).argmax(dim=1)


def build_loader(config):
    dataset = IrisDataset(split="test", count=config.count)
    return DataLoader(dataset, batch_size=config.batch_size, shuffle=False,
                      num_workers=config.workers)


def evaluate(model, loader):
    seen, pupil_pixels = 0, 0
    with torch.no_grad():
        for batch, indices in loader:
            masks = model(batch)
            seen += len(indices)
            pupil_pixels += int(masks.sum())
    return seen, pupil_pixels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bs", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    torch.manual_seed(0)
    config = EvalConfig(batch_size=args.bs, workers=args.workers)
    loader = build_loader(config)
    seen, _ = evaluate(TinySegmenter(), loader)
    print(f"RESULT={seen}")


if __name__ == "__main__":
    main()
