"""A question-answering base class that keeps a resource loader (mindmeld #340 shape)."""
import os
import sqlite3
import tempfile


class ResourceLoader:
    def __init__(self, app_path):
        self.app_path = app_path
        self.db_path = os.path.join(tempfile.gettempdir(), "qa_index.sqlite")
        self.conn = sqlite3.connect(self.db_path)
        self.conn.execute("CREATE TABLE IF NOT EXISTS docs (id INTEGER, body TEXT)")


class BaseQuestionAnswerer:
    def __init__(self, app_path, eager=True):
        self.app_path = app_path
        self.resource_loader = ResourceLoader(app_path) if eager else None

    def score(self, question):
        return sum(ord(c) for c in question) % 97


class LazyQuestionAnswerer(BaseQuestionAnswerer):
    """The fix: the loader is dropped before pickling and rebuilt on demand."""

    def __getstate__(self):
        state = self.__dict__.copy()
        state["resource_loader"] = None
        return state
