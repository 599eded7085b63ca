# family: object
# hazard: unpicklable-argument
# line: 32 16
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/bahruzjabiyev/t-reqs/issues/1 ("TypeError: cannot pickle '_thread.lock' object" at `proc.start()` in `blackbox_fuzz_individual`, Python 3.9 on macOS): the fuzzer starts one process per mutated request with one of its own methods as target, and the fuzzer object keeps a threading lock for its log file.
"""Send mutated HTTP requests from worker processes and log which ones a server accepts."""
import multiprocessing
import sys
import threading


class Fuzzer:
    def __init__(self, config, seed):
        self.config = config
        self.seed = seed
        self.log_lock = threading.Lock()
        self.accepted = multiprocessing.Queue()

    def mutate(self, request, i):
        return request.replace("Content-Length", "Content-Length" + " " * i)

    def send_request(self, request):
        if len(request) % 2 == 0:
            self.accepted.put(request.count(" "))
        else:
            self.accepted.put(-1)

    def blackbox_fuzz_individual(self, seeds):
        procs = []
        for i, seed in enumerate(seeds):
            request = self.mutate(seed, i)
            proc = multiprocessing.Process(target=self.send_request, args=(request,))
            proc.start()
            procs.append(proc)
        results = [self.accepted.get(timeout=10) for _ in procs]
        for proc in procs:
            proc.join()
        return sorted(results)


def main():
    fuzzer = Fuzzer({"host": "127.0.0.1", "port": 8080}, seed=505)
    seeds = ["POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"] * 3
    print("RESULT=%s" % fuzzer.blackbox_fuzz_individual(seeds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
