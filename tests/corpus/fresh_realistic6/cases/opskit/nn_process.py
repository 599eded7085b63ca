"""Feature-extractor process factory (after img2poem's nn_process.create)."""
import multiprocessing

_MODELS = {
    "extract_feature": lambda text: [len(w) for w in text.split()],
    "count_words": lambda text: len(text.split()),
}


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


def create(name):
    parent_conn, child_conn = multiprocessing.Pipe()

    def pipe_process(conn):
        model = _MODELS[name]
        while True:
            text = conn.recv()
            if text is None:
                break
            conn.send(model(text))

    proc = multiprocessing.Process(target=pipe_process, args=(child_conn,), daemon=True)
    proc.start()
    return RemoteModel(proc, parent_conn)
