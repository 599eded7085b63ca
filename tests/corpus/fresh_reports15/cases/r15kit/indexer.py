"""Shard scanner of a small log indexer: each worker puts one record per log line,
then a DONE marker, on the shared output queue."""
from dataclasses import dataclass

DONE = "__done__"


@dataclass(frozen=True)
class Shard:
    shard_id: int
    lines: int


def _line(shard_id, n):
    level = ("INFO", "WARN", "ERROR")[(shard_id + n) % 3]
    return f"{level} shard={shard_id} seq={n} " + "x" * 40


def index_worker(shard, out_queue):
    for n in range(shard.lines):
        text = _line(shard.shard_id, n)
        out_queue.put((shard.shard_id, n, text.split()[0], len(text)))
    out_queue.put((shard.shard_id, -1, DONE, 0))
