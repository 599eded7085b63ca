"""MistralTokenizer before mistral-common PR #111: it keeps the specialised request class."""
from l10kit.mistral_requests import AssistantMessage, UserMessage, encode_text, specialise


class MistralTokenizer:
    def __init__(self, version="v3"):
        self.version = version
        self.vocab = {}
        self.request_cls = specialise(UserMessage, AssistantMessage)

    def encode_chat(self, prompt, answer):
        request = self.request_cls([prompt, answer])
        ids = [1]
        for text in request.messages:
            ids += encode_text(self.vocab, text)
        return ids + [2]


def from_version(version="v3"):
    return MistralTokenizer(version)
