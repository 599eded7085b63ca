"""BeamSearchDecoderCTC as pyctcdecode 0.4 has it (PRs #68, #78 after issue #65).

The language model still lives in the class variable model_container; decode_batch
now checks the pool it is given and decodes sequentially when the pool has a spawn
context (the README, since PR #51, asks for multiprocessing.get_context("fork").Pool()).
"""
from __future__ import annotations

import functools
import logging
import multiprocessing as mp
import os
from typing import Dict, Optional

from .ctc_lm import Alphabet, LanguageModel, argmax_frames, collapse


logger = logging.getLogger(__name__)


def _get_valid_pool(pool):
    """Return the pool if the pool is appropriate for multiprocessing."""
    if pool is not None and isinstance(pool._ctx, mp.context.SpawnContext):
        logger.warning("Specified pool object has a spawn context, which is not currently supported. "
                       "Falling back to sequential decoding.")
        return None
    return pool


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
        valid_pool = _get_valid_pool(pool)
        if valid_pool is None:
            return [self._decode_logits(logits, beam_width=beam_width) for logits in logits_list]
        p_decode = functools.partial(self._decode_logits, beam_width=beam_width)
        return valid_pool.map(p_decode, logits_list)


def build_ctcdecoder(labels, unigrams=None, alpha: float = 0.5) -> BeamSearchDecoderCTC:
    alphabet = Alphabet(tuple(labels))
    lm = LanguageModel(unigrams, alpha) if unigrams else None
    return BeamSearchDecoderCTC(alphabet, lm)
