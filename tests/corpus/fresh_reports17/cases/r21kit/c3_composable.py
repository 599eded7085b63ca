"""cogent3-like composable apps (cogent3/app/composable.py, 2019).

An app's __call__ runs main() on its input; when the input is unusable the app does
not raise, it returns a falsy "not completed" result built by the class named in the
app's `not_completed` class attribute, so that a parallel map keeps going and the
caller can count the failures afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SeqRecord:
    name: str
    seq: str
    source: str


class ComposableApp:
    # set by each app module: the class that reports a failed input
    not_completed: type | None = None

    def __init__(self, name: str | None = None) -> None:
        self.name = name or type(self).__name__

    def main(self, data: SeqRecord):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, data: SeqRecord):
        try:
            return self.main(data)
        except ValueError as err:
            return self.not_completed("ERROR", self.name, str(err), source=data.source)


def read_records(lines: list[str], source: str) -> list[SeqRecord]:
    records = []
    for line in lines:
        name, _, seq = line.partition("\t")
        records.append(SeqRecord(name.strip(), seq.strip().upper(), source))
    return records
