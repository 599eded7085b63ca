# family: args
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/medline.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/titipata/pubmed_parser/issues/19 -- near miss: the working variant the project settled on for parallel parsing (its README maps the parser over paths with Spark): the workers receive plain text, one serialised citation each, and build their own lxml elements
"""Parse a MEDLINE XML dump into one record per citation, using every core."""
import argparse
import json
from multiprocessing import Pool

from l26kit.medline import parse_article_text, sample_medline_xml, split_citation_strings


class MedlineParser:
    def __init__(self, processes=2, year_info_only=True):
        self.processes = processes
        self.year_info_only = year_info_only

    def parse(self, xml_bytes):
        citation_texts = split_citation_strings(xml_bytes)
        with Pool(self.processes) as pool:
            dict_out = pool.map(parse_article_text, citation_texts)
        return [d for d in dict_out if d["pmid"]]


def summarise(records):
    journals = {}
    for record in records:
        journals[record["journal"]] = journals.get(record["journal"], 0) + 1
    return journals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--articles", type=int, default=6)
    args = parser.parse_args()
    xml_bytes = sample_medline_xml(args.articles)
    records = MedlineParser(processes=args.processes).parse(xml_bytes)
    print(json.dumps(summarise(records), sort_keys=True))
    print(f"RESULT={len(records)}")


if __name__ == "__main__":
    main()
