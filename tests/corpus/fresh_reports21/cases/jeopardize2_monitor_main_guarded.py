# family: guard
# hazard: none
# line: none
# files: r24kit/phishing.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/utkusen/jeopardize/issues/2 -- the reporter's fix: putting the action() call (with the argument parsing and report setup before it) inside an if __name__ == '__main__': clause stops the errors, because the spawned Pool workers then only import the script
import argparse
import functools
import os
import sys
import tempfile
from multiprocessing import Pool

from r24kit.phishing import candidate_domains, phishing_detect


class Report:
    """The XML report jeopardize writes next to the domain name."""

    def __init__(self, path):
        self.path = path

    def open(self):
        with open(self.path, "w") as fh:
            fh.write("<root>\n")

    def add(self, candidate, score):
        with open(self.path, "a") as fh:
            fh.write(f"  <domain><address>{candidate}</address><phishing_score>{score}</phishing_score></domain>\n")

    def close(self):
        with open(self.path, "a") as fh:
            fh.write("</root>\n")

    def suspicious(self, threshold):
        with open(self.path) as fh:
            return sum(1 for line in fh if "<phishing_score>" in line
                       and int(line.split("<phishing_score>")[1].split("<")[0]) >= threshold)


def action(domain, mode, report, threshold, processes):
    candidates = candidate_domains(domain)
    brand = domain.split(".")[0]
    report.open()
    n = Pool(processes=processes)
    results = n.map(functools.partial(phishing_detect, brand=brand), candidates)
    n.close()
    n.join()
    for candidate, score in results:
        report.add(candidate, score)
    report.close()
    return report.suspicious(threshold)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--domain", action="store", dest="domain", default="example.com")
    parser.add_argument("--type", action="store", dest="type", default="daily")
    parser.add_argument("--threshold", type=int, default=85)
    parser.add_argument("--processes", type=int, default=2)
    argv = parser.parse_args()

    out_dir = os.environ.get("R24_OUT", tempfile.gettempdir())
    out_xml = os.path.join(out_dir, f"r24-{os.getpid()}-{argv.domain}.xml")
    report = Report(out_xml)

    found = action(argv.domain, argv.type, report, argv.threshold, argv.processes)
    print(f"RESULT={found}")
    os.remove(out_xml)


if __name__ == "__main__":
    main()
