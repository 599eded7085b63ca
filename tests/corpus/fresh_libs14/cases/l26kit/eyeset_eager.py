"""RITnet's dataset.py before the fix: the CLAHE operator is built once, in __init__."""
import cv2
from torch.utils.data import Dataset

from .eyeimages import gamma_table, synth_eye, to_tensor_ready


class IrisDataset(Dataset):
    def __init__(self, split="test", count=12, clip_limit=1.5, tile=8):
        self.split = split
        self.count = count
        self.table = gamma_table()
        self.clahe = cv2.createCLAHE(clipLimit=clip_limit, tileGridSize=(tile, tile))

    def __len__(self):
        return self.count

    def __getitem__(self, idx):
        image = cv2.LUT(synth_eye(idx), self.table)
        image = self.clahe.apply(image)
        return to_tensor_ready(image), idx
