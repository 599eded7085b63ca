# family: args
# hazard: unpicklable-argument
# line: 56
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/digitaldutch/BAG_parser/issues/21 -- the XML-to-SQLite converter submits parse_xml_file(file, save_function) to a ProcessPoolExecutor with save_function=self.database.save_nummer, a bound method of the DatabaseSqlite object that holds the sqlite3 connection
"""Convert BAG address XML extracts to SQLite, one XML file per worker."""
import os
import sqlite3
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

SAMPLE = """<nummers>
  <nummer id="{i}1" postcode="1011AB" huisnummer="{i}" woonplaats="3594"/>
  <nummer id="{i}2" postcode="1011AC" huisnummer="{i}{i}" woonplaats="3594"/>
</nummers>"""


class DatabaseSqlite:
    def __init__(self, path):
        self.connection = sqlite3.connect(path)
        self.connection.execute("CREATE TABLE IF NOT EXISTS nummers "
                                "(id TEXT PRIMARY KEY, postcode TEXT, huisnummer INTEGER, woonplaats_id TEXT)")

    def save_nummer(self, data):
        self.connection.execute("REPLACE INTO nummers VALUES (?, ?, ?, ?)",
                                (data["id"], data["postcode"], int(data["huisnummer"]),
                                 data["woonplaats"]))

    def commit(self):
        self.connection.commit()

    def count(self, table):
        return self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def parse_xml_file(file_xml, save_function):
    rows = 0
    for elem in ET.parse(file_xml).getroot():
        save_function(dict(elem.attrib))
        rows += 1
    return rows


@dataclass
class BagParser:
    database: DatabaseSqlite
    workers: int = 2
    done: list = field(default_factory=list)

    def parse(self, tag, xml_files):
        save_function = {"NUM": self.database.save_nummer}[tag]
        with ProcessPoolExecutor(max_workers=self.workers) as executor:
            futures = [executor.submit(parse_xml_file, f, save_function) for f in xml_files]  # ANCHOR
            for future in as_completed(futures):
                self.done.append(future.result())
        self.database.commit()
        return sum(self.done)


def write_extracts(folder, n):
    paths = []
    for i in range(1, n + 1):
        path = os.path.join(folder, f"9999NUM{i:02d}.xml")
        with open(path, "w") as fh:
            fh.write(SAMPLE.format(i=i))
        paths.append(path)
    return paths


def main():
    folder = tempfile.mkdtemp(prefix="bag_")
    db = DatabaseSqlite(os.path.join(folder, "bag.sqlite"))
    parser = BagParser(db)
    total = parser.parse("NUM", write_extracts(folder, 3))
    print(f"RESULT={total},{db.count('nummers')}")
    return 0 if total == 6 else 3


if __name__ == "__main__":
    raise SystemExit(main())
