# family: results
# hazard: none
# line: none
# files: rz8kit/docerrors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/strictdoc-project/strictdoc/pull/3201 -- the fix: ExceptionInfo keeps only the printed message, the type name and the formatted traceback, so the ChildProcessException a worker returns pickles and unpickles whatever the original exception's __init__ looks like
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor

from rz8kit.docerrors import ChildProcessException, SemanticError


class ExceptionInfo:
    def __init__(self, exception):
        self.type_name = type(exception).__name__
        if hasattr(exception, "to_print_message"):
            self.message = exception.to_print_message()
        else:
            self.message = str(exception)
        self.traceback = traceback.format_exc()

    def print(self):
        print(f"{self.type_name}: {self.message}")


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
        failed = [r for r in results if isinstance(r, ChildProcessException)]
        for result in failed:
            result.info.print()
        return [r for r in results if not isinstance(r, ChildProcessException)], len(failed)


def main():
    parallelizer = MultiprocessingParallelizer()
    results, failed = parallelizer.run_parallel(["index.sdoc", "broken.sdoc"], parse_document)
    print(len(results), "documents,", failed, "failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
