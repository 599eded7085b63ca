"""Settings for an ingestion run, read from the command line or built by tests."""
import argparse
from dataclasses import dataclass, field


@dataclass
class Settings:
    workers: int = 2
    batch: int = 50
    scale: float = 1.0
    tags: list = field(default_factory=list)


def load_settings(argv=None):
    parser = argparse.ArgumentParser(description="ingest a file of readings")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    return Settings(workers=args.workers, batch=args.batch, scale=args.scale)
