"""RITnet's dataset.py as fixed in the thread: the CLAHE operator is made in __getitem__, so the dataset
holds only plain values and numpy arrays."""
import cv2
from torch.utils.data import Dataset

from .eyeimages import gamma_table, synth_eye, to_tensor_ready


class IrisDataset(Dataset):
    def __init__(self, split="test", count=12, clip_limit=1.5, tile=8):
        self.split = split
        self.count = count
        self.table = gamma_table()
        self.clip_limit = clip_limit
        self.tile = tile

    def __len__(self):
        return self.count

    def __getitem__(self, idx):
        image = cv2.LUT(synth_eye(idx), self.table)
        clahe = cv2.createCLAHE(clipLimit=self.clip_limit, tileGridSize=(self.tile, self.tile))
        image = clahe.apply(image)
        return to_tensor_ready(image), idx
