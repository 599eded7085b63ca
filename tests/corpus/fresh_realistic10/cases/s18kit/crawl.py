"""Finds image series in a directory tree, lazily, like a DICOM crawler."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    patient: str
    modality: str
    n_slices: int


class Crawler:
    def __init__(self, root, modalities=("CT", "MR", "RTSTRUCT")):
        self.root = root
        self.modalities = modalities

    def iter_series(self):
        for p in range(6):
            for j, mod in enumerate(self.modalities):
                yield Series(patient="%s/P%03d" % (self.root, p), modality=mod, n_slices=10 + p * 3 + j)


def process_series(series):
    # stand-in for resampling and writing a NIfTI volume
    return series.n_slices * (2 if series.modality == "CT" else 1)
