"""atopgpud-like GPU statistics: gpulock guards the NVML handles; a sampler thread refreshes the
statistics with the lock held for the whole (slow) query."""
import threading
import time

gpulock = threading.Lock()
stats = {}


class GpuSampler(threading.Thread):
    def __init__(self, query_time=1.0, interval=0.05):
        super().__init__(name="gpusampler", daemon=True)
        self.query_time = query_time
        self.interval = interval
        self.sampling = threading.Event()

    def run(self):
        n = 0
        while True:
            with gpulock:
                self.sampling.set()
                time.sleep(self.query_time)  # nvmlDeviceGetUtilizationRates & co, per GPU
                n += 1
                stats.update({"gpu0": {"samples": n, "busy": 42}})
            time.sleep(self.interval)


def probe(query_time=1.0):
    """Initialize NVML and start sampling; returns once the first query is under way."""
    sampler = GpuSampler(query_time=query_time)
    sampler.start()
    sampler.sampling.wait()
    return sampler


def serve(answers, clients):
    """The daemon's request loop: a snapshot taken under gpulock for each client (atop asks per interval)."""
    GpuSampler(query_time=0.01).start()
    replies = []
    for client in clients:
        with gpulock:
            replies.append((client, dict(stats)))
    answers.put(replies)
