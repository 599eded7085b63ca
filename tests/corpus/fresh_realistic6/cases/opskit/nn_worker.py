"""The fixed feature-extractor factory: the process body is a module-level function
and the model is chosen inside the child by name."""
import multiprocessing


def extract_feature(text):
    return [len(w) for w in text.split()]


def count_words(text):
    return len(text.split())


MODELS = {"extract_feature": extract_feature, "count_words": count_words}


class RemoteModel:
    def __init__(self, proc, conn):
        self.proc = proc
        self.conn = conn

    def __call__(self, text):
        self.conn.send(text)
        return self.conn.recv()

    def close(self):
        self.conn.send(None)
        self.proc.join()


def pipe_process(name, conn):
    model = MODELS[name]
    while True:
        text = conn.recv()
        if text is None:
            break
        conn.send(model(text))


def create(name):
    parent_conn, child_conn = multiprocessing.Pipe()
    proc = multiprocessing.Process(target=pipe_process, args=(name, child_conn), daemon=True)
    proc.start()
    return RemoteModel(proc, parent_conn)
