"""EmbeddingCache as HippoRAG 2 shipped it: the Manager is created in the class body, at import."""
import multiprocessing
import threading


class EmbeddingCache:
    """A multiprocessing-safe global cache for storing embeddings."""

    _manager = multiprocessing.Manager()
    _cache = _manager.dict()  # Shared dictionary for multiprocessing
    _lock = threading.Lock()  # Thread-safe lock for concurrent access

    @classmethod
    def get(cls, content):
        """Retrieve the embedding if cached."""
        return cls._cache.get(content)

    @classmethod
    def set(cls, content, embedding):
        """Store an embedding in the cache."""
        with cls._lock:  # Ensures thread safety
            cls._cache[content] = embedding

    @classmethod
    def contains(cls, content):
        """Check if the embedding exists in cache."""
        return content in cls._cache

    @classmethod
    def clear(cls):
        """Clear the entire cache."""
        with cls._lock:
            cls._cache.clear()
