# family: queue
# hazard: none
# line: none
# files: r28kit/sandbox.py
# timeout: 25
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rocketride-org/rocketride-server/pull/847 -- the order the review asks for (and the multiprocessing guidelines it quotes): take the result off the queue with a blocking get(timeout=...) first, then join the child, so the child's feeder thread can flush a large result and exit
"""Code node of a pipeline: run a user snippet in a sandboxed process and return what it printed."""
import argparse
import queue
import sys

from r28kit import sandbox

SNIPPET = """
rows = ["id,name,score"] + [f"{i},user{i},{i % 97}" for i in range(12000)]
print("\\n".join(rows))
"""


class SandboxNode:
    def __init__(self, timeout=5.0):
        self.timeout = timeout

    def execute(self, code):
        proc, result_queue = sandbox.start(code)
        try:
            result = result_queue.get(timeout=self.timeout)
        except queue.Empty:
            proc.terminate()
            proc.join()
            return sandbox.timed_out(proc)
        proc.join(self.timeout)
        return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args(argv)
    result = SandboxNode(args.timeout).execute(SNIPPET)
    lines = result["stdout"].count("\n")
    print(f"RESULT=timed_out={result['timed_out']} lines={lines}")
    return 0 if not result["timed_out"] and lines == 12001 else 3


if __name__ == "__main__":
    sys.exit(main())
