"""mistral-common-like request classes; a parametrised request class is built per message union."""


class UserMessage:
    role = "user"


class AssistantMessage:
    role = "assistant"


class InstructRequest:
    message_types = ()

    def __init__(self, messages):
        self.messages = list(messages)


_SPECIALISED = {}


def specialise(*message_types):
    """Like a pydantic generic model: InstructRequest[Union[...]] is a new class, made once."""
    key = tuple(t.__name__ for t in message_types)
    if key not in _SPECIALISED:
        name = f"InstructRequest[Union[{', '.join(key)}]]"
        cls = type(name, (InstructRequest,), {"message_types": message_types})
        cls.generic_metadata = {"origin": InstructRequest, "args": message_types, "specialised": cls}
        cls.__module__ = __name__
        cls.__qualname__ = name
        _SPECIALISED[key] = cls
    return _SPECIALISED[key]


def encode_text(vocab, text):
    return [vocab.setdefault(word, len(vocab) + 3) for word in text.lower().split()]
