"""Helpers shared by the fresh_libs6 programs (video clips, a video loader, storage and database factories)."""
