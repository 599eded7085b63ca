# family: callable
# hazard: unpicklable-callable
# line: 42
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 20
# note: https://github.com/chrismaddalena/ODIN/issues/28 -- the Reporter keeps its sqlite3 connection and cursor on self (self.conn, self.c) and runs its collectors as Process(target=self.create_people_table, name="Employee Hunter"); under spawn the bound method drags the connection into the pickle
"""OSINT report builder: collects findings with worker processes and stores them in sqlite."""
import argparse
import multiprocessing
import os
import sqlite3
import tempfile

SOURCES = {
    "hunter": ["alice@example.org", "bob@example.org", "carol@example.org"],
    "fullcontact": ["alice@example.org", "dave@example.org"],
}


class Reporter:
    """Creates the report database and fills it with the collectors' findings."""

    def __init__(self, report_name, domain):
        self.domain = domain
        self.sources = dict(SOURCES)
        self.conn = sqlite3.connect(report_name)
        self.c = self.conn.cursor()
        self.c.execute("CREATE TABLE IF NOT EXISTS email_addresses "
                       "(email text, source text, breached integer)")
        self.conn.commit()

    def create_people_table(self, source, out_q):
        """Collector body: normalise the source's addresses for this domain."""
        found = [addr.lower() for addr in self.sources[source]
                 if addr.endswith("@" + self.domain)]
        out_q.put((source, found))

    def run_collectors(self):
        out_q = multiprocessing.Queue()
        jobs = []
        for source in self.sources:
            job = multiprocessing.Process(name=f"Employee {source.title()}",  # ANCHOR
                                          target=self.create_people_table,
                                          args=(source, out_q))
            jobs.append(job)
        for job in jobs:
            job.start()
        results = [out_q.get(timeout=10) for _ in jobs]
        for job in jobs:
            job.join()
        for source, emails in sorted(results):
            for email in emails:
                self.c.execute("INSERT INTO email_addresses VALUES (?,?,NULL)", (email, source))
        self.conn.commit()

    def count_unique(self):
        self.c.execute("SELECT COUNT(DISTINCT email) FROM email_addresses")
        return self.c.fetchone()[0]

    def close_out_reporting(self):
        self.conn.close()


def main():
    parser = argparse.ArgumentParser(description="ODIN-style reporter")
    parser.add_argument("--organization", default="Example Org")
    parser.add_argument("--domain", default="example.org")
    args = parser.parse_args([])
    report_db = os.path.join(tempfile.gettempdir(), "odin_report.db")
    if os.path.exists(report_db):
        os.remove(report_db)
    reporter = Reporter(report_db, args.domain)
    reporter.run_collectors()
    unique = reporter.count_unique()
    reporter.close_out_reporting()
    print(f"RESULT={unique}")
    return 0 if unique == 4 else 3


if __name__ == "__main__":
    raise SystemExit(main())
