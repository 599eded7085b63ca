"""tinypilot-like HID writer: runs the write in a child process and returns its result."""
import multiprocessing


class ProcessResult:
    def __init__(self, return_value=None, exception=None):
        self.return_value = return_value
        self.exception = exception

    def was_successful(self):
        return self.exception is None


class ProcessWithResult(multiprocessing.Process):
    """A Process that sends its target's return value (or exception) back through a queue."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent_conn, self.child_conn = multiprocessing.Pipe()

    def run(self):
        try:
            value = self._target(*self._args, **self._kwargs) if self._target else None
            self.child_conn.send(ProcessResult(return_value=value))
        except Exception as exc:
            self.child_conn.send(ProcessResult(exception=exc))

    def result(self):
        if self.parent_conn.poll(5):
            return self.parent_conn.recv()
        return None
