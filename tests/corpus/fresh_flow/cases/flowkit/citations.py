"""Build a citation map for a scholar (a library function that fans out over a Pool)."""
import multiprocessing


def _score(paper):
    title, year = paper
    return len(title) * 10 + (year % 100)


def fetch_papers(scholar_id):
    # stands in for the network lookup of the real library
    return [("paper-%s-%d" % (scholar_id, i), 2000 + i) for i in range(12)]


def generate_citation_map(scholar_id, workers=2):
    papers = fetch_papers(scholar_id)
    with multiprocessing.Pool(workers) as pool:
        scores = pool.map(_score, papers)
    return dict(zip((p[0] for p in papers), scores))
