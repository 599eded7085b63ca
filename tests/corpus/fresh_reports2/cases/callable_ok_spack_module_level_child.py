# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The direction of the fix for https://github.com/spack/spack/issues/14102 ("Can't pickle local object 'fork.<locals>.child_process'"): the child's body is a module-level function and the work it runs is a functools.partial of a module-level function over a picklable package, so the Process pickles under spawn too.
"""Build packages in a child process and report the result through a pipe."""
import functools
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


def _setup_pkg_and_run(function, child_pipe):
    try:
        child_pipe.send(function())
    except Exception as exc:  # noqa: BLE001 - sent to the parent
        child_pipe.send(ChildError(str(exc)))
    finally:
        child_pipe.close()


def start_build_process(pkg, function):
    parent_pipe, child_pipe = multiprocessing.Pipe()
    p = multiprocessing.Process(target=_setup_pkg_and_run, args=(function, child_pipe))
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
        results.append(start_build_process(pkg, functools.partial(build_process, pkg)))
    print("RESULT=%s" % results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
