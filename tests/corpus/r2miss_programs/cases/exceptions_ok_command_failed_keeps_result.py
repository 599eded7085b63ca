# family: exceptions
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the exception passes the result itself to Exception.__init__ and formats it in __str__; the parent rebuilds it from the same object.
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
        super().__init__(result)

    def __str__(self):
        return "%s exited with %d" % (" ".join(self.result.command), self.result.returncode)


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
