# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The usual way out of https://github.com/OpenDriveLab/DriveLM/issues/141 ("cannot pickle '_thread.RLock' object" at `p.map(self.chatgpt_eval.forward, data)`): each pool worker builds its own evaluator (and so its own client and lock) in the Pool initializer, and the mapped function is a module-level function that receives only the answer pairs.
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
    def __init__(self, api_key):
        self.client = APIClient(api_key)

    def forward(self, data):
        answer, gt = data
        return self.client.complete("Rate the answer %r against %r" % (answer, gt))


_evaluator = None


def _init_evaluator(api_key):
    global _evaluator
    _evaluator = GPTEvaluation(api_key)


def _score(data):
    return _evaluator.forward(data)


class evaluation_suit:
    def __init__(self, api_key):
        self.api_key = api_key
        self.GPT = [("go straight", "keep lane"), ("turn left", "turn left"), ("stop", "brake")]

    def eval_chatGPT(self, data):
        with multiprocessing.Pool(2, initializer=_init_evaluator, initargs=(self.api_key,)) as p:
            scores = p.map(_score, data)
        return sum(scores) / len(scores)

    def evaluation(self):
        return {"chatgpt": self.eval_chatGPT(self.GPT)}


if __name__ == "__main__":
    output = evaluation_suit("sk-test").evaluation()
    print("RESULT=%s" % sorted(output))
    sys.exit(0)
