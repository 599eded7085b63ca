# family: mainblock
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the working variant for zhihu-text-classification #7: get_id lives at module level, and the vocabulary it reads is built at import so the workers have it too (https://github.com/yongyehuang/zhihu-text-classification/issues/7)
import multiprocessing

QUESTIONS = ["what is", "how to", "why"]
CHAR_VOCAB = {"<pad>": 0, "<unk>": 1}


def build_vocab(texts):
    for text in texts:
        for ch in text:
            CHAR_VOCAB.setdefault(ch, len(CHAR_VOCAB))
    return CHAR_VOCAB


build_vocab(QUESTIONS)


def get_id(question):
    return [CHAR_VOCAB.get(ch, 1) for ch in question]


class Char2Id:
    def __init__(self, workers=2):
        self.workers = workers

    def convert(self, func, questions):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(func, questions)


if __name__ == "__main__":
    print("RESULT=%s" % Char2Id().convert(get_id, QUESTIONS))
