# family: callable
# hazard: bound-method-task-holds-lambda
# line: 50 r21kit/chonkie_tokenizer_legacy.py:11
# files: r21kit/chonkie_types.py r21kit/chonkie_tokenizer_legacy.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/feyninc/chonkie/issues/56 -- "Can't pickle local object 'BaseTokenizer.__init__.<locals>.<lambda>'" when batching with RecursiveChunker("character", 512): chunk_batch maps the bound method self.chunk over a multiprocessing Pool, which pickles the chunker and its tokenizer, whose token2id is defaultdict(lambda: len(self.vocab)); pool tasks are pickled under every start method
"""Chunk a small corpus recursively (paragraphs, sentences, words) in a process pool."""
import argparse
import sys
from multiprocessing import Pool

from r21kit.chonkie_tokenizer_legacy import load_tokenizer
from r21kit.chonkie_types import Chunk, RecursiveRules, split_keep

TEXTS = [
    "Chonkie splits text. It keeps chunks small!\n\nParagraphs come first.",
    "A second document with one long sentence that goes on for a while.",
    "Short one. Another. And a third sentence here?",
]


class RecursiveChunker:
    def __init__(self, tokenizer_or_token_counter: str = "character", chunk_size: int = 512,
                 rules: RecursiveRules | None = None) -> None:
        self.tokenizer = load_tokenizer(tokenizer_or_token_counter)
        self.chunk_size = chunk_size
        self.rules = rules or RecursiveRules()
        self._use_multiprocessing = True

    def _split(self, text: str, level: int) -> list[str]:
        if level >= len(self.rules.levels) or self.tokenizer.count_tokens(text) <= self.chunk_size:
            return [text]
        out = []
        for piece in split_keep(text, self.rules.levels[level].delimiters):
            out.extend(self._split(piece, level + 1))
        return out

    def chunk(self, text: str) -> list[Chunk]:
        chunks, start = [], 0
        for piece in self._split(text, 0):
            chunks.append(Chunk(piece, start, start + len(piece), self.tokenizer.count_tokens(piece)))
            start += len(piece)
        return chunks

    def _process_batch_sequential(self, texts: list[str]) -> list[list[Chunk]]:
        return [self.chunk(t) for t in texts]

    def _process_batch_multiprocessing(self, texts: list[str], workers: int) -> list[list[Chunk]]:
        with Pool(processes=workers) as pool:
            return pool.map(self.chunk, texts)

    def chunk_batch(self, texts: list[str], workers: int = 2) -> list[list[Chunk]]:
        if self._use_multiprocessing and len(texts) > 1:
            return self._process_batch_multiprocessing(texts, workers)
        return self._process_batch_sequential(texts)

    def __call__(self, text_or_texts):
        if isinstance(text_or_texts, str):
            return self.chunk(text_or_texts)
        return self.chunk_batch(list(text_or_texts))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chunk-size", type=int, default=24)
    args = parser.parse_args(argv)
    chunker = RecursiveChunker("character", args.chunk_size)
    batches = chunker(TEXTS)
    counts = [len(chunks) for chunks in batches]
    rebuilt = all("".join(c.text for c in chunks) == text for chunks, text in zip(batches, TEXTS))
    print(f"RESULT=chunks:{counts} rebuilt:{rebuilt}")
    return 0 if rebuilt else 3


if __name__ == "__main__":
    sys.exit(main())
