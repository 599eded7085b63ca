# family: exceptions
# hazard: unpicklable-exception
# line: 28
# timeout: 20
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: r2miss model: an exception built from a command's result passes only a message formatted from it to Exception.__init__ (through a local); the parent rebuilds it with that message as `result` and its __init__ reads `result.returncode` of a str.
"""Run build steps in a process pool and report the first failure."""
import sys
from concurrent.futures import ProcessPoolExecutor


class StepResult:
    def __init__(self, command, returncode, output):
        self.command = command
        self.returncode = returncode
        self.output = output


class CommandFailed(RuntimeError):
    def __init__(self, result):
        self.result = result
        summary = "%s exited with %d" % (" ".join(result.command), result.returncode)
        super().__init__(summary)


def build_step(name):
    if name == "link":
        raise CommandFailed(StepResult(["ld", "-o", "app"], 1, "undefined symbol"))
    return name + ": ok"


def main():
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(build_step, name) for name in ("compile", "link")]
        outcomes = []
        for future in futures:
            try:
                outcomes.append(future.result())
            except CommandFailed as exc:
                outcomes.append("failed: %s" % exc)
    print("RESULT=%s" % outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
