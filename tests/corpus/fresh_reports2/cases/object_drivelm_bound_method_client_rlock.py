# family: object
# hazard: unpicklable-argument
# line: 40 15
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/OpenDriveLab/DriveLM/issues/141 ("TypeError: cannot pickle '_thread.RLock' object" at `scores = p.map(self.chatgpt_eval.forward, data)` in evaluation.py): the evaluator maps the bound forward method of a GPT-scoring object whose API client holds an RLock, so every task pickles the client.
"""Score model answers against references with a GPT-based evaluator, in parallel."""
import multiprocessing
import sys
import threading


class APIClient:
    def __init__(self, api_key):
        self.api_key = api_key
        self._lock = threading.RLock()
        self.calls = 0

    def complete(self, prompt):
        with self._lock:
            self.calls += 1
        return 50 + len(prompt) % 50


class GPTEvaluation:
    def __init__(self):
        self.client = APIClient("sk-test")

    def forward(self, data):
        answer, gt = data
        return self.client.complete("Rate the answer %r against %r" % (answer, gt))


class evaluation_suit:
    def __init__(self):
        self.chatgpt_eval = GPTEvaluation()
        self.GPT = [("go straight", "keep lane"), ("turn left", "turn left"), ("stop", "brake")]

    def eval_chatGPT(self, data):
        with multiprocessing.Pool(2) as p:
            scores = p.map(self.chatgpt_eval.forward, data)
        return sum(scores) / len(scores)

    def evaluation(self):
        return {"chatgpt": self.eval_chatGPT(self.GPT)}


if __name__ == "__main__":
    output = evaluation_suit().evaluation()
    print("RESULT=%s" % sorted(output))
    sys.exit(0)
