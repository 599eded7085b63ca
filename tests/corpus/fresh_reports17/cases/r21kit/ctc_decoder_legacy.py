"""BeamSearchDecoderCTC as pyctcdecode 0.3.0 had it (issue #65).

The language model is kept in the class variable model_container under a random
key made in __init__, so that pool tasks do not carry the large model; a worker
finds the model only if the class variable was filled in its own process -- true
after fork, not after spawn or forkserver.
"""
from __future__ import annotations

import functools
import os
from typing import Dict, Optional

from .ctc_lm import Alphabet, LanguageModel, argmax_frames, collapse


class BeamSearchDecoderCTC:
    model_container: Dict[bytes, Optional[LanguageModel]] = {}

    def __init__(self, alphabet: Alphabet, language_model: Optional[LanguageModel] = None) -> None:
        self._alphabet = alphabet
        self._model_key = os.urandom(16)
        BeamSearchDecoderCTC.model_container[self._model_key] = language_model

    def _decode_logits(self, logits, beam_width: int = 10) -> str:
        language_model = BeamSearchDecoderCTC.model_container[self._model_key]
        text = collapse(self._alphabet.labels, self._alphabet.blank_index, argmax_frames(logits))
        if language_model is None:
            return text
        words = text.split()
        # keep a word only if the language model does not find it implausible
        return " ".join(w for w in words if language_model.score(w) > -5.0)

    def decode(self, logits, beam_width: int = 10) -> str:
        return self._decode_logits(logits, beam_width=beam_width)

    def decode_batch(self, pool, logits_list, beam_width: int = 10) -> list[str]:
        p_decode = functools.partial(self._decode_logits, beam_width=beam_width)
        return pool.map(p_decode, logits_list)


def build_ctcdecoder(labels, unigrams=None, alpha: float = 0.5) -> BeamSearchDecoderCTC:
    alphabet = Alphabet(tuple(labels))
    lm = LanguageModel(unigrams, alpha) if unigrams else None
    return BeamSearchDecoderCTC(alphabet, lm)
