# family: callable
# hazard: unpicklable-callable
# line: 36
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/spack/spack/issues/14102 ("AttributeError: Can't pickle local object 'fork.<locals>.child_process'" on macOS with Python 3.8): the build driver defines the child's body inside fork() and starts it as the Process target, with a pipe back to the parent for the result.
"""Build packages in a child process and report the result through a pipe."""
import multiprocessing
import sys


class Package:
    def __init__(self, name, version):
        self.name = name
        self.version = version

    def do_install(self):
        return "%s@%s installed" % (self.name, self.version)


class ChildError(Exception):
    pass


def fork(pkg, function):
    parent_pipe, child_pipe = multiprocessing.Pipe()

    def child_process(child_pipe):
        try:
            return_value = function()
            child_pipe.send(return_value)
        except Exception as exc:  # noqa: BLE001 - sent to the parent
            child_pipe.send(ChildError(str(exc)))
        finally:
            child_pipe.close()

    p = multiprocessing.Process(target=child_process, args=(child_pipe,))
    p.start()
    child_result = parent_pipe.recv()
    p.join()
    if isinstance(child_result, ChildError):
        raise child_result
    return child_result


def build_process(pkg):
    return pkg.do_install()


def main():
    results = []
    for pkg in (Package("zlib", "1.2.11"), Package("cmake", "3.15.1")):
        results.append(fork(pkg, lambda: build_process(pkg)))
    print("RESULT=%s" % results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
