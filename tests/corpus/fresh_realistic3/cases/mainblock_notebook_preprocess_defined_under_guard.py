# family: mainblock
# hazard: target-in-main-block
# line: 43
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: https://github.com/Tandon-A/emotic/issues/12 ("Can't get attribute 'Emotic' on <module '__main__'>": an object pickled by reference to a name the importing side does not have); here a preprocessing script pasted from a notebook defines its clean_text worker inside the main block and maps it with ProcessPoolExecutor
import os
import re
import sys
import tempfile
import unicodedata
from concurrent.futures import ProcessPoolExecutor

STOPWORDS = {"the", "a", "an", "of"}


def load_corpus():
    return ["The Art of War", "A Tale of Two Cities", "Café Society"]


def vocabulary(texts):
    vocab = {}
    for text in texts:
        for word in text.split():
            vocab[word] = vocab.get(word, 0) + 1
    return dict(sorted(vocab.items()))


def save_jsonl(rows, path):
    import json
    with open(path, "w") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    def clean_text(text):
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        words = re.findall(r"[a-z]+", text.lower())
        return " ".join(w for w in words if w not in STOPWORDS)

    corpus = load_corpus()
    with ProcessPoolExecutor(max_workers=2) as pool:
        cleaned = list(pool.map(clean_text, corpus))
    vocab = vocabulary(cleaned)
    save_jsonl([{"text": t} for t in cleaned], os.path.join(tempfile.gettempdir(), "clean.jsonl"))
    print("RESULT=%s" % cleaned)
    if cleaned != ["art war", "tale two cities", "cafe society"]:
        sys.exit(3)
