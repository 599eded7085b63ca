# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: an mpire WorkerPool with its default start method and a closure as the task, under the main guard. mpire uses fork wherever it exists (its own default, not multiprocessing's), so the closure is inherited, not pickled. mpire docs, "Start method" (https://sybrenjansen.github.io/mpire/master/usage/workerpool/start_method.html: fork is the default where available) and "shared_objects".
"""Score search results against a query with a closure, in mpire workers."""
from mpire import WorkerPool

DOCUMENTS = {
    1: "fast process pools for python",
    2: "python multiprocessing start methods explained",
    3: "cooking pasta in ten minutes",
    4: "start a process pool in python with mpire",
}


def make_scorer(query):
    terms = set(query.lower().split())

    def score(doc_id, text):
        words = set(text.split())
        return doc_id, len(terms & words) / len(terms)

    return score


def search(query, top=2):
    scorer = make_scorer(query)
    with WorkerPool(n_jobs=2) as pool:
        scored = pool.map(scorer, list(DOCUMENTS.items()))
    ranked = sorted(scored, key=lambda pair: (-pair[1], pair[0]))
    return [doc_id for doc_id, s in ranked[:top] if s > 0]


if __name__ == "__main__":
    hits = search("python process pool")
    for doc_id in hits:
        print(doc_id, DOCUMENTS[doc_id])
    print("RESULT=" + str(hits))
