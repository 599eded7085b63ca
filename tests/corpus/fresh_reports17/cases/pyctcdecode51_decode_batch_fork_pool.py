# family: globals
# hazard: none
# line: none
# files: r21kit/ctc_lm.py r21kit/ctc_decoder.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kensho-technologies/pyctcdecode/pull/51 -- "Add fork context to multiprocessing": "to allow access to class variables we need to enforce fork context"; the README's batch example became multiprocessing.get_context("fork").Pool(), so the workers inherit model_container whatever the platform's default (decoder of 0.4, whose decode_batch also falls back to a loop for a spawn-context pool)
"""Decode a batch of acoustic-model outputs with an LM-backed CTC decoder."""
import argparse
import multiprocessing
import sys

from r21kit.ctc_decoder import build_ctcdecoder

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
        return multiprocessing.get_context("fork").Pool(self.processes)

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
