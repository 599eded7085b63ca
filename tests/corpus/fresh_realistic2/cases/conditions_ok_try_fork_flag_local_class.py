# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for the spawn-on-macOS reports with local classes (https://github.com/usc-isi-i2/pyrallel/issues/2: "caused by dynamic class creation"): a log shipper defines its worker class inside main(), computes `FORK_CTX` once with `try: get_context("fork") except ValueError: None`, derives a flag from it, and starts the local-class process only through the fork context when the flag is set; otherwise it ships inline.
"""Ship log lines to a (simulated) collector from a background process.

Usage: ship_logs.py [--batch N]
"""
import argparse
import multiprocessing
import threading

try:
    FORK_CTX = multiprocessing.get_context("fork")
except ValueError:
    FORK_CTX = None
CAN_FORK = FORK_CTX is not None

LINES = [f"2026-12-05 app[{n}]: request served" for n in range(7)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=3)
    args = parser.parse_args()

    class Shipper:
        def __init__(self, batch):
            self.batch = batch
            self.lock = threading.Lock()

        def __call__(self, lines):
            for start in range(0, len(lines), self.batch):
                with self.lock:
                    print("shipped", len(lines[start:start + self.batch]), flush=True)

    shipper = Shipper(args.batch)
    if CAN_FORK:
        proc = FORK_CTX.Process(target=shipper, args=(LINES,))
        proc.start()
        proc.join()
        print("background exit", proc.exitcode)
    else:
        shipper(LINES)


if __name__ == "__main__":
    main()
