"""A Keras-like network object: predict() is guarded by a threading.RLock."""
import threading


class Net:
    def __init__(self, weights):
        self.weights = list(weights)
        self._predict_lock = threading.RLock()

    def predict(self, board):
        with self._predict_lock:
            return sum(w * v for w, v in zip(self.weights, board)) / len(board)


def load_net(size=8):
    return Net([0.5] * size)
