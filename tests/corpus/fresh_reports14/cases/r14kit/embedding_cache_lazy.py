"""EmbeddingCache after the fix: the Manager is started on first use, never at import."""
import multiprocessing
import threading


class EmbeddingCache:
    """A multiprocessing-safe global cache for storing embeddings."""

    _manager = None
    _cache = None
    _lock = threading.Lock()

    @classmethod
    def _ensure_initialized(cls):
        # Lazy init so multiprocessing.Manager() is never called at import time.
        # On Windows (spawn), calling Manager() at class-body level crashes because
        # the spawned child re-imports the module before __main__ is ready.
        if cls._manager is None:
            with cls._lock:
                if cls._manager is None:
                    cls._manager = multiprocessing.Manager()
                    cls._cache = cls._manager.dict()

    @classmethod
    def get(cls, content):
        """Retrieve the embedding if cached."""
        cls._ensure_initialized()
        return cls._cache.get(content)

    @classmethod
    def set(cls, content, embedding):
        """Store an embedding in the cache."""
        cls._ensure_initialized()
        with cls._lock:
            cls._cache[content] = embedding

    @classmethod
    def contains(cls, content):
        """Check if the embedding exists in cache."""
        cls._ensure_initialized()
        return content in cls._cache

    @classmethod
    def clear(cls):
        """Clear the entire cache."""
        cls._ensure_initialized()
        with cls._lock:
            cls._cache.clear()
