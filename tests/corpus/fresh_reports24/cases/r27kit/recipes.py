"""lhotse-like recipe helpers: recording/supervision manifests and a feature extractor whose work is
spread over an executor."""
import math
from dataclasses import dataclass


@dataclass
class Cut:
    cut_id: str
    duration: float


def prepare_librispeech(parts=("dev-clean", "test-clean"), per_part=3):
    return {p: [Cut(f"{p}-{i:04d}", 2.0 + i * 0.5) for i in range(per_part)] for p in parts}


def extract_fbank(cut, num_mel_bins=80, frame_shift=0.01):
    frames = int(math.floor(cut.duration / frame_shift))
    return cut.cut_id, frames * num_mel_bins


def compute_and_store_features(cuts, executor):
    futures = [executor.submit(extract_fbank, c) for c in cuts]
    return dict(f.result() for f in futures)
