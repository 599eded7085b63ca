# family: pathos
# hazard: process-started-at-import
# line: 17
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 15
# note: A script that builds a pathos ProcessPool at module level and maps over files, no main guard; on Windows and macOS (spawn) every worker re-imports the script and builds the pool again. Modelled on https://github.com/uqfoundation/pathos/issues/197 and https://github.com/uqfoundation/pathos/issues/140.
"""Count words in a few documents with pathos."""
from pathos.multiprocessing import ProcessPool

DOCS = ["a b c", "d e", "f g h i"]


def count_words(text):
    return len(text.split())


pool = ProcessPool(nodes=2)
counts = pool.map(count_words, DOCS)
print("RESULT=" + str(counts))
pool.close()
pool.join()
