"""An rlp-like codec: encoding errors carry the object that could not be encoded."""
from dataclasses import dataclass


class RLPException(Exception):
    """Base class of the codec's errors."""


class SerializationError(RLPException):
    def __init__(self, message, obj):
        super().__init__(message)
        self.obj = obj


class PicklableSerializationError(RLPException):
    def __init__(self, message, obj):
        super().__init__(message)
        self.obj = obj

    def __reduce__(self):
        # rebuild with both constructor arguments, not just Exception.args
        return (type(self), (self.args[0], self.obj))


@dataclass
class Field:
    name: str
    value: object


def encode_field(field, error_cls=SerializationError):
    if isinstance(field.value, (bytes, int)):
        return field.name.encode() + b"=" + (field.value if isinstance(field.value, bytes) else str(field.value).encode())
    raise error_cls(f"cannot serialize field {field.name!r}", (field.name, repr(field.value)))


def encode_block(fields, error_cls=SerializationError):
    return b";".join(encode_field(f, error_cls) for f in fields)
