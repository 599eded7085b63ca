"""A byte-level tokenizer and a tiny document set (stand-ins for tiktoken and FineWeb-Edu)."""


class ByteTokenizer:
    def __init__(self):
        self._special_tokens = {"<|endoftext|>": 256}

    @property
    def eot(self) -> int:
        return self._special_tokens["<|endoftext|>"]

    def encode_ordinary(self, text: str):
        return list(text.encode("utf-8"))


def sample_documents(n: int):
    words = ["the", "cell", "divides", "energy", "light", "water", "moves", "slowly"]
    return [{"text": " ".join(words[(i + j) % len(words)] for j in range(5 + i % 7))} for i in range(n)]
