# family: callable
# hazard: none
# line: none
# files: r5kit/qa.py
# expect: fork=ok spawn=ok forkserver=ok
# note: the fix direction of mindmeld #340/#341: the QA object no longer carries the loader when pickled (r5kit's LazyQuestionAnswerer drops it in __getstate__) (https://github.com/cisco/mindmeld/issues/340)
from multiprocessing import Pool

from r5kit.qa import LazyQuestionAnswerer


class NativeQuestionAnswerer(LazyQuestionAnswerer):
    def __init__(self, app_path, index_name):
        super().__init__(app_path)
        self.index_name = index_name

    def answer(self, question):
        return (question, self.score(question))

    def answer_all(self, questions, workers=2):
        with Pool(workers) as pool:
            return pool.map(self.answer, questions)


if __name__ == "__main__":
    qa = NativeQuestionAnswerer("food_ordering", "menu_items")
    print("RESULT=%s" % qa.answer_all(["pad thai", "green curry"]))
