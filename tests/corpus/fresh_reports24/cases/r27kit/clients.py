"""tempesta-test-like external clients: a command runs in a child process and ships its (stdout, stderr) home
on a multiprocessing.Queue; the test framework starts it, waits for it and parses what came back."""
import multiprocessing as mp


def _page(url, size):
    """What curl prints for a page of `size` bytes (a WordPress page of ~100 KB in the report)."""
    line = f"<p>{url} lorem ipsum dolor sit amet</p>\n".encode()
    return (line * (size // len(line) + 1))[:size]


def _run_cmd(cmd, url, size, queue):
    stdout = _page(url, size)
    stderr = b"" if cmd.startswith("curl") else b"unknown client\n"
    queue.put((stdout, stderr))


class CurlClient:
    """One curl invocation against the server under test."""

    def __init__(self, url, response_size=100_000):
        self.url = url
        self.response_size = response_size
        self.queue = mp.Queue()
        self.proc = None
        self.proc_results = None

    def form_command(self):
        return f"curl -s -k {self.url}"

    def start(self):
        self.proc = mp.Process(target=_run_cmd,
                               args=(self.form_command(), self.url, self.response_size, self.queue))
        self.proc.start()

    def stop(self):
        """Wait for the client process to finish."""
        if self.proc is not None:
            self.proc.join()
            self.proc = None

    def receive(self):
        """Take the client's output off the queue."""
        self.proc_results = self.queue.get(timeout=30)
        return self.proc_results

    def parse_out(self):
        stdout, _stderr = self.proc_results
        return stdout.count(b"</p>"), len(stdout)
