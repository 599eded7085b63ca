"""Builds the cleaning pipeline from a settings dict (the user's side of HojiChar)."""
from __future__ import annotations

import os
import tempfile

from .hoji_filters import Compose, DocumentLengthFilter, LanguageIdentificationByModel

MODEL_WORDS = "the a is of and to in text clean document corpus filter language model data"


def ensure_model(directory: str) -> str:
    path = os.path.join(directory, "lid.words.bin")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(MODEL_WORDS)
    return path


def build_pipeline(settings: dict) -> Compose:
    model_dir = settings.get("model_dir") or tempfile.gettempdir()
    return Compose([
        DocumentLengthFilter(settings.get("min_len", 5), settings.get("max_len", 400)),
        LanguageIdentificationByModel(ensure_model(model_dir), settings.get("lid_threshold", 0.5)),
    ])
