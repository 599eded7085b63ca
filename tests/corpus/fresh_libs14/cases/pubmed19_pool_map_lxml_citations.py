# family: args
# hazard: unpicklable-native-object-in-pool-task
# line: 23
# files: l26kit/__init__.py l26kit/medline.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/titipata/pubmed_parser/issues/19 -- "Parallelize MEDLINE parser": the maintainer tried `pool = Pool(); dict_out = pool.map(parse_article_info, medline_citations)` where medline_citations are the lxml MedlineCitation elements of a parsed file; a pool pickles every task under every start method and lxml elements cannot be pickled (TypeError: cannot pickle 'lxml.etree._Element' object)
"""Parse a MEDLINE XML dump into one record per citation, using every core."""
import argparse
import json
from multiprocessing import Pool

from l26kit.medline import parse_article_info, read_medline_citations, sample_medline_xml


class MedlineParser:
    def __init__(self, processes=2, year_info_only=True):
        self.processes = processes
        self.year_info_only = year_info_only

    def parse(self, xml_bytes):
        medline_citations = read_medline_citations(xml_bytes)
        with Pool(self.processes) as pool:
            dict_out = pool.map(parse_article_info, medline_citations)
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
