# family: globals
# hazard: class-variable-filled-in-parent-read-by-pool-task
# line: 36 40 r21kit/ctc_decoder_legacy.py:39
# files: r21kit/ctc_lm.py r21kit/ctc_decoder_legacy.py
# expect: fork=ok spawn=error:KeyError forkserver=error:KeyError
# note: https://github.com/kensho-technologies/pyctcdecode/issues/65 -- batch decoding with a plain multiprocessing.Pool() fails where the pool does not fork (macOS): BeamSearchDecoderCTC keeps its language model in the class variable model_container under a key made in __init__, decode_batch maps functools.partial(self._decode_logits, ...) over the pool, and a spawned worker unpickles the decoder into a class whose model_container is empty (KeyError); fork workers inherit it
"""Decode a batch of acoustic-model outputs with an LM-backed CTC decoder."""
import argparse
import multiprocessing
import sys

from r21kit.ctc_decoder_legacy import build_ctcdecoder

LABELS = ["", " ", "a", "b", "d", "e", "g", "i", "n", "s", "u", "y", "r", "o"]
UNIGRAMS = {"bugs": 40, "bunny": 35, "rabbit": 5, "dog": 20, "ear": 3}
UTTERANCES = ["bugs bunny", "dog", "bugs", "bunny"]


def to_logits(text: str, labels=LABELS) -> list[list[float]]:
    """Peaked frames for each character, separated by blank frames."""
    frames = []
    for ch in text:
        for target in (ch, ""):
            row = [0.01] * len(labels)
            row[labels.index(target)] = 0.9
            frames.append(row)
    return frames


class BatchTranscriber:
    def __init__(self, decoder, processes: int) -> None:
        self.decoder = decoder
        self.processes = processes

    def make_pool(self):
        return multiprocessing.Pool(self.processes)

    def transcribe(self, logits_list):
        with self.make_pool() as pool:
            return self.decoder.decode_batch(pool, logits_list)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    decoder = build_ctcdecoder(LABELS, UNIGRAMS, alpha=0.5)
    logits_list = [to_logits(u) for u in UTTERANCES]
    transcriber = BatchTranscriber(decoder, args.processes)
    texts = transcriber.transcribe(logits_list)
    print(f"RESULT={texts}")
    return 0 if texts == UTTERANCES else 3


if __name__ == "__main__":
    sys.exit(main())
