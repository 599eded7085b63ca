# family: forkserver
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pytorch/pytorch/pull/109500 -- the alternative raised in review: send the device to the benchmark subprocess and let it set CUDA_VISIBLE_DEVICES itself before doing anything, which works whatever process it was forked or spawned from
import multiprocessing as mp
import os
import sys


def _probe(out):
    out.put(os.getpid())


def benchmark_choice(choice, device, out):
    os.environ["CUDA_VISIBLE_DEVICES"] = str(device)
    out.put((choice, os.environ.get("CUDA_VISIBLE_DEVICES", "all")))


class TuningProcessPool:
    def __init__(self, devices):
        self.devices = devices
        self.out = mp.Queue()

    def warmup(self):
        p = mp.Process(target=_probe, args=(self.out,))
        p.start()
        self.out.get()
        p.join()

    def benchmark(self, choices):
        results = {}
        for device, choice in zip(self.devices, choices):
            p = mp.Process(target=benchmark_choice, args=(choice, device, self.out))
            p.start()
            name, seen = self.out.get()
            p.join()
            results[name] = seen
        return results


if __name__ == "__main__":
    os.environ.pop("CUDA_VISIBLE_DEVICES", None)
    pool = TuningProcessPool(devices=[0, 1])
    pool.warmup()
    seen = pool.benchmark(["triton_mm_1", "triton_mm_2"])
    print(f"RESULT={seen['triton_mm_1']},{seen['triton_mm_2']}")
    if (seen["triton_mm_1"], seen["triton_mm_2"]) != ("0", "1"):
        sys.exit(3)
