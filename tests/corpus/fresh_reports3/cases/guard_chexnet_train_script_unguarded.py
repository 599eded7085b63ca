# family: guard
# hazard: missing-main-guard
# line: 33 46
# timeout: 10
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: Shape of https://github.com/brucechou1983/CheXNet-Keras/issues/56 ("Run time error of Like 'new process before the current process has finished its bootstrapping phase'"): train.py reads its config and calls the model's fit with multiprocessing workers at module level, without a main guard. Reduced: the config is a ConfigParser read from a string, fit_generator a pool over batches.
"""Train the CheXNet model on the configured data set."""
import configparser
import multiprocessing

CONFIG = """
[TRAIN]
batch_size = 4
workers = 2
epochs = 1
"""


class AugmentedImageSequence:
    def __init__(self, n, batch_size):
        self.batches = [list(range(i, min(i + batch_size, n))) for i in range(0, n, batch_size)]


def load_batch(batch):
    return sum(batch)


class Model:
    def fit_generator(self, generator, epochs=1, workers=1, use_multiprocessing=False):
        history = []
        for _ in range(epochs):
            if use_multiprocessing:
                with multiprocessing.Pool(workers) as pool:
                    history.append(sum(pool.map(load_batch, generator.batches)))
            else:
                history.append(sum(map(load_batch, generator.batches)))
        return history


cp = configparser.ConfigParser()
cp.read_string(CONFIG)
batch_size = cp["TRAIN"].getint("batch_size")
workers = cp["TRAIN"].getint("workers")
train_sequence = AugmentedImageSequence(16, batch_size)
model = Model()
history = model.fit_generator(train_sequence, epochs=cp["TRAIN"].getint("epochs"),
                              workers=workers, use_multiprocessing=True)
print("RESULT=%s" % history)
