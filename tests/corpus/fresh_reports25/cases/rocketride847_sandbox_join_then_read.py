# family: queue
# hazard: join-before-drain
# line: 26
# files: r28kit/sandbox.py
# timeout: 25
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/rocketride-org/rocketride-server/pull/847 -- review of packages/ai/src/ai/common/sandbox.py: the sandbox joins the child with a timeout and only then reads the result queue ("is it safe to call Process.join() before reading from a multiprocessing.Queue written by that child ... No"); a result larger than the pipe buffer keeps the child in its feeder thread, join(timeout) runs out, and a run that finished in milliseconds is reported as timed out (and killed), under every start method
"""Code node of a pipeline: run a user snippet in a sandboxed process and return what it printed."""
import argparse
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
        proc.join(self.timeout)
        if proc.is_alive():
            proc.terminate()
            proc.join()
            return sandbox.timed_out(proc)
        if result_queue.empty():
            return sandbox.no_result(proc)
        return result_queue.get_nowait()


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
