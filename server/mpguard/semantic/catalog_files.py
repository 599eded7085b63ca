"""The catalog's data files (`semantic/data/*.json`), read once per process. Library semantics live in these
files, not in code branches; a file that cannot be read (a broken install) reads as empty: mpguard then says
nothing it would have needed it for, and never crashes."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).with_name("data")


@lru_cache(maxsize=None)
def catalog_file(name: str) -> dict:
    """The parsed `data/<name>` ({} when it cannot be read or is not a JSON object)."""
    try:
        data = json.loads((FOLDER / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
