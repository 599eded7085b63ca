# family: guard
# hazard: missing-main-guard
# line: 25
# timeout: 10
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: Modelled on https://github.com/ChenLiu-1996/CitationMap/issues/4 (the README's usage script calls generate_citation_map() at module level; the library fans out over a Pool, so spawned children re-run the call while importing __main__; fixed by the `if __name__ == '__main__':` idiom). Here the library is flowkit.citations.
"""Print the ten most cited papers of a scholar."""
import sys

from flowkit.citations import generate_citation_map

SCHOLAR_ID = "3rDjnykAAAAJ"


def top_papers(citation_map, n=10):
    ranked = sorted(citation_map.items(), key=lambda kv: kv[1], reverse=True)
    return ranked[:n]


def show(ranked):
    for title, score in ranked:
        print("%-20s %5d" % (title, score))


citation_map = generate_citation_map(SCHOLAR_ID)
ranked = top_papers(citation_map)
show(ranked)
total = sum(citation_map.values())
print("RESULT=%d" % total)
if total != sum(len("paper-%s-%d" % (SCHOLAR_ID, i)) * 10 + i for i in range(12)):
    sys.exit(3)
