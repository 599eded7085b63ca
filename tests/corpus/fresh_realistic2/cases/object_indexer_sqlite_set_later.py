# family: object
# hazard: unpicklable-callable
# line: 39
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/osoken/sqlitecollections/issues/260 ("doesn't support pickle.dump because sqlite3.Connection objects cannot be pickled") in a search indexer: __init__ stores only a path, a later open() method sets `self.db = sqlite3.connect(...)`, and reindex_in_background() starts a Process whose target is the bound method self._reindex. Fork inherits it; spawn/forkserver pickle the instance: "cannot pickle 'sqlite3.Connection' object".
"""Keep a tiny full-text index of notes in SQLite; rebuild it in the background.

Usage: notes_index.py [--db PATH]
"""
import argparse
import multiprocessing
import os
import sqlite3
import tempfile

NOTES = ["buy milk", "call the plumber about the sink", "milk and eggs for the cake"]


class NoteIndex:
    def __init__(self, path):
        self.path = path
        self.db = None

    def open(self):
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS words (word TEXT, note INTEGER)")
        return self

    def _reindex(self, notes):
        db = sqlite3.connect(self.path)
        db.execute("DELETE FROM words")
        for n, note in enumerate(notes):
            db.executemany("INSERT INTO words VALUES (?, ?)", [(w, n) for w in note.split()])
        db.commit()
        db.close()

    def reindex_in_background(self, notes):
        proc = multiprocessing.Process(target=self._reindex, args=(notes,))
        proc.start()
        return proc

    def lookup(self, word):
        rows = self.db.execute("SELECT note FROM words WHERE word = ?", (word,)).fetchall()
        return sorted(n for (n,) in rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.path.join(tempfile.mkdtemp(), "notes.db"))
    args = parser.parse_args()

    index = NoteIndex(args.db).open()
    proc = index.reindex_in_background(NOTES)
    proc.join()
    print("milk ->", index.lookup("milk"))


if __name__ == "__main__":
    main()
