# family: exceptions
# hazard: unpicklable-exception
# line: 28 22
# timeout: 15
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/iree-org/iree/issues/11655 ("Exceptions with non-string arguments and pickling in multi-process context": `executor.submit(compile).result()` for an invalid program; iree.compiler.tools.CompilerToolError(process) reads `process.stderr` in __init__, so rebuilding it in the parent gives "AttributeError: 'str' object has no attribute 'stderr'"): the compiler wrapper raises an error built from the completed-process object; the executor cannot unpickle it.
"""Compile several programs in a process pool executor."""
import sys
from concurrent.futures import ProcessPoolExecutor


class CompletedProcess:
    def __init__(self, args, returncode, stderr):
        self.args = args
        self.returncode = returncode
        self.stderr = stderr


class CompilerToolError(Exception):
    def __init__(self, process):
        self.process = process
        errs = process.stderr.decode("utf-8")
        super().__init__("Error invoking IREE compiler tool %s\nDiagnostics:\n%s" % (process.args[0], errs))


def invoke_immediate(args, source):
    if not source.startswith("func.func"):
        raise CompilerToolError(CompletedProcess(args, 1, b"error: expected operation name"))
    return len(source)


def compile_str(source):
    return invoke_immediate(["iree-compile", "-"], source)


def main():
    with ProcessPoolExecutor(max_workers=2) as executor:
        ok = executor.submit(compile_str, "func.func @main() { return }").result()
        try:
            executor.submit(compile_str, "I'm a little teapot but not a valid program").result()
            failed = "no error"
        except CompilerToolError as exc:
            failed = str(exc).splitlines()[0]
    print("RESULT=%s" % [ok, failed])
    return 0


if __name__ == "__main__":
    sys.exit(main())
