# family: callable
# hazard: unpicklable-callable
# line: 22
# files: r5kit/qa.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: mindmeld's native QA kept a ResourceLoader (holding a sqlite3 connection) built in its base class, so pickling the QA instance failed with "can't pickle sqlite3.Connection objects"; here its bound method is the Pool task (https://github.com/cisco/mindmeld/issues/340)
from multiprocessing import Pool

from r5kit.qa import BaseQuestionAnswerer


class NativeQuestionAnswerer(BaseQuestionAnswerer):
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
