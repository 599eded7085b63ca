"""stefuna-like configuration (stefuna/stefuna.py): a config dict with defaults,
merged with the user's config module; the start method for the worker processes
is one of its keys (PR #14 made 'spawn' the default)."""
from __future__ import annotations

from multiprocessing import set_start_method

DEFAULT_CONFIG = {
    "name": "StefunaWorker",
    "activity_arn": "arn:aws:states:us-east-2:123456789012:activity:hello",
    "processes": 2,
    "heartbeat": 0,
    "maxtasksperchild": 100,
    "server_config": {},
    "worker_config": {},
    "start_method": "spawn",
}


def load_config(user_config: dict) -> dict:
    config = dict(DEFAULT_CONFIG)
    for key, value in user_config.items():
        if key not in config:
            raise ValueError(f"unknown config key {key!r}")
        config[key] = value
    return config


def apply_start_method(config: dict) -> None:
    start_method = config["start_method"]
    if start_method:
        set_start_method(start_method)


def activity_region(activity_arn: str | None) -> str | None:
    if activity_arn:
        parts = activity_arn.split(":")
        return parts[3] if len(parts) >= 4 else None
    return None
