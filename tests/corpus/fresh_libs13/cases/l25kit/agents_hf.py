"""An API agent that counts prompt tokens with a tiktoken-like encoder (a native extension object)."""


class CoreBPE:
    """Stand-in for tiktoken's Rust-backed CoreBPE: it has no pickle support."""

    def __init__(self, ranks):
        self._ranks = dict(ranks)

    def encode(self, text):
        return [self._ranks.get(tok, 0) for tok in text.split()]

    def __reduce__(self):
        raise TypeError("cannot pickle 'builtins.CoreBPE' object")


class Encoding:
    def __init__(self, name):
        self.name = name
        self._core_bpe = CoreBPE({"SELECT": 1, "FROM": 2, "WHERE": 3})

    def encode(self, text):
        return self._core_bpe.encode(text)


def get_encoding(name):
    return Encoding(name)


class OpenAIChatAgent:
    name = "gpt-3.5-turbo"

    def __init__(self, max_tokens=512):
        self.encoding = get_encoding("cl100k_base")
        self.max_tokens = max_tokens

    def inference(self, history):
        used = sum(len(self.encoding.encode(str(m))) for m in history)
        return "SELECT COUNT(*) FROM t" if used < self.max_tokens else "commit"
