"""A vector-store client and the config builder (mem0 #3430 shape)."""
import os
import sqlite3
import tempfile


class LocalVectorClient:
    def __init__(self, path):
        self.path = path
        self._conn = sqlite3.connect(os.path.join(path, "collection.sqlite"))

    def search(self, query):
        return [query.upper()]


def make_client(name="qdrant_mem_db"):
    path = os.path.join(tempfile.gettempdir(), name)
    os.makedirs(path, exist_ok=True)
    return LocalVectorClient(path)


def build_config(user_id, client=None, path=None):
    store = {"collection_name": "user_memory"}
    if client is not None:
        store["client"] = client
    if path is not None:
        store["path"] = path
    return {"user_id": user_id, "vector_store": {"provider": "qdrant", "config": store}}
