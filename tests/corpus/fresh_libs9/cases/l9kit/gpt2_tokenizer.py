"""The replacement the reporter used: a GPT2Tokenizer-style tokenizer, plain Python state only."""


class GPT2Tokenizer:
    eos_token_id = 50256

    def __init__(self, vocab):
        self.encoder = dict(vocab)

    def encode(self, text, add_special_tokens=False):
        ids = [self.encoder.get(w, len(self.encoder) + len(w)) for w in text.split()]
        return ids + [self.eos_token_id] if add_special_tokens else ids


def load_tokenizer(model_name):
    vocab = {w: i for i, w in enumerate("the a of to and in is you that it for".split())}
    return GPT2Tokenizer(vocab)
