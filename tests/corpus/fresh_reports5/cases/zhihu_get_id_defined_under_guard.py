# family: mainblock
# hazard: target-in-main-block
# line: 25
# timeout: 8
# expect: fork=ok spawn=attribute_error_mp_main+hang forkserver=attribute_error_mp_main+hang
# note: zhihu-text-classification's char2id step defined its get_id worker in the interactive session (Spyder's __main__), so the workers failed with "Can't get attribute 'get_id' on <module '__main__'>"; here it is defined under the main guard of the script (https://github.com/yongyehuang/zhihu-text-classification/issues/7)
import multiprocessing

CHAR_VOCAB = {"<pad>": 0, "<unk>": 1}


def build_vocab(texts):
    for text in texts:
        for ch in text:
            CHAR_VOCAB.setdefault(ch, len(CHAR_VOCAB))
    return CHAR_VOCAB


class Char2Id:
    def __init__(self, workers=2):
        self.workers = workers

    def convert(self, func, questions):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(func, questions)


if __name__ == "__main__":
    questions = ["what is", "how to", "why"]
    vocab = build_vocab(questions)

    def get_id(question):
        return [CHAR_VOCAB.get(ch, 1) for ch in question]

    print("RESULT=%s" % Char2Id().convert(get_id, questions))
