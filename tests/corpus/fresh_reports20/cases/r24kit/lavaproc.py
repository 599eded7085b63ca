"""lava-like process runner: a process model is built in a child from its proc_params."""
import multiprocessing


def _run_model(model_cls, proc_params, conn):
    model = model_cls(proc_params)
    conn.send(model.run())
    conn.close()


class Runtime:
    def __init__(self, model_cls, proc_params):
        self.model_cls = model_cls
        self.proc_params = proc_params
        self._procs = []

    def start(self):
        parent, child = multiprocessing.Pipe(duplex=False)
        proc = multiprocessing.Process(target=_run_model,
                                       args=(self.model_cls, self.proc_params, child))
        proc.start()
        self._procs.append((proc, parent))
        return self

    def wait(self):
        results = []
        for proc, conn in self._procs:
            if conn.poll(10):
                results.append(conn.recv())
            proc.join()
        return results
