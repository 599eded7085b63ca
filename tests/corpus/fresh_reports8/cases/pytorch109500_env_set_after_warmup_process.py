# family: forkserver
# hazard: forkserver-stale-environment
# line: 34
# expect: fork=ok spawn=ok forkserver=wrong_result
# note: https://github.com/pytorch/pytorch/pull/109500 -- parallel autotuning sets CUDA_VISIBLE_DEVICES in the parent around each benchmark subprocess so the child inherits it; under forkserver every child comes from the server started by the first (warm-up) process, with the environment of that moment
import multiprocessing as mp
import os
import sys


def _probe(out):
    out.put(os.getpid())


def benchmark_choice(choice, out):
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
            saved = os.environ.get("CUDA_VISIBLE_DEVICES")
            os.environ["CUDA_VISIBLE_DEVICES"] = str(device)
            p = mp.Process(target=benchmark_choice, args=(choice, self.out))
            p.start()
            name, seen = self.out.get()
            p.join()
            results[name] = seen
            if saved is None:
                del os.environ["CUDA_VISIBLE_DEVICES"]
            else:
                os.environ["CUDA_VISIBLE_DEVICES"] = saved
        return results


if __name__ == "__main__":
    os.environ.pop("CUDA_VISIBLE_DEVICES", None)
    pool = TuningProcessPool(devices=[0, 1])
    pool.warmup()
    seen = pool.benchmark(["triton_mm_1", "triton_mm_2"])
    print(f"RESULT={seen['triton_mm_1']},{seen['triton_mm_2']}")
    if (seen["triton_mm_1"], seen["triton_mm_2"]) != ("0", "1"):
        sys.exit(3)
