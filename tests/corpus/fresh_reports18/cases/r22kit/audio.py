"""Audio-like samples on disk (panotti's preprocess_data.py reads audio with librosa)."""
import os


def make_samples(root: str, classes=("dog", "cat"), per_class: int = 4) -> None:
    for c_idx, name in enumerate(classes):
        os.makedirs(os.path.join(root, name), exist_ok=True)
        for i in range(per_class):
            with open(os.path.join(root, name, f"{name}{i}.wav.txt"), "w") as fh:
                fh.write(" ".join(str((c_idx + 1) * (i + j)) for j in range(6 + i)))


def load(path: str, mono: bool = False):
    with open(path) as fh:
        values = [float(v) for v in fh.read().split()]
    return values if mono else [values, values]


def canonical_shape(signal):
    return (1, len(signal)) if isinstance(signal[0], float) else (len(signal), len(signal[0]))


def save_melgram(outfile: str, melgram, out_format: str) -> None:
    with open(outfile + "." + out_format, "w") as fh:
        fh.write(repr(melgram))
