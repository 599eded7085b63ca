"""Data preparation helpers for a fine-tuning script (fsdp_qlora-style)."""
import multiprocessing


def _tokenize(text):
    return [len(word) for word in text.split()]


def tokenize_shards(texts, workers=2):
    with multiprocessing.Pool(workers) as pool:
        return pool.map(_tokenize, texts)
