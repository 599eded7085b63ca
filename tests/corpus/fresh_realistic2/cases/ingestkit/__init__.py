"""ingestkit: a small CSV-ish ingestion toolkit used by the batch jobs in this folder."""
from .config import Settings

__all__ = ["Settings"]
__version__ = "0.3.1"
