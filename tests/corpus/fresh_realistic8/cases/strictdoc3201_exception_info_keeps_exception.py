# family: results
# hazard: unpicklable-exception
# line: 33 42
# files: rz8kit/docerrors.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/strictdoc-project/strictdoc/pull/3201 -- the parallelizer wraps a worker failure as ChildProcessException(ExceptionInfo(exception)) and returns it; ExceptionInfo keeps the live StrictDocSemanticError, whose keyword-only __init__ cannot be called again from exc.args, so the result fails in transit and the CLI reports BrokenProcessPool instead of the real message
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor

from rz8kit.docerrors import ChildProcessException, SemanticError


class ExceptionInfo:
    def __init__(self, exception):
        self.exception = exception
        self.traceback = traceback.format_exc()

    def print(self):
        print(self.exception.to_print_message(), file=sys.stderr)


def parse_document(path):
    if "broken" in path:
        raise SemanticError(title="Requirement has no UID", hint="add a UID field", line=3)
    return path, 3


def processing_func_wrapper(processing_func, content):
    try:
        return processing_func(content)
    except Exception as exception:
        return ChildProcessException(ExceptionInfo(exception))


class MultiprocessingParallelizer:
    def __init__(self, workers=2):
        self.workers = workers

    def run_parallel(self, contents, processing_func):
        with ProcessPoolExecutor(self.workers) as executor:
            futures = [executor.submit(processing_func_wrapper, processing_func, c) for c in contents]
            results = [future.result() for future in futures]
        for result in results:
            if isinstance(result, ChildProcessException):
                result.info.print()
                raise SystemExit(1)
        return results


def main():
    parallelizer = MultiprocessingParallelizer()
    results = parallelizer.run_parallel(["index.sdoc", "broken.sdoc"], parse_document)
    print(len(results), "documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
