"""MistralTokenizer after mistral-common PR #111: pickled as a factory call and its arguments."""
from l10kit.mistral_requests import AssistantMessage, UserMessage, encode_text, specialise


def _rebuild_tokenizer(version, vocab):
    tok = MistralTokenizer(version)
    tok.vocab = dict(vocab)
    return tok


class MistralTokenizer:
    def __init__(self, version="v3"):
        self.version = version
        self.vocab = {}
        self.request_cls = specialise(UserMessage, AssistantMessage)

    def __reduce__(self):
        return _rebuild_tokenizer, (self.version, self.vocab)

    def encode_chat(self, prompt, answer):
        request = self.request_cls([prompt, answer])
        ids = [1]
        for text in request.messages:
            ids += encode_text(self.vocab, text)
        return ids + [2]


def from_version(version="v3"):
    return MistralTokenizer(version)
