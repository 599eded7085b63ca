# family: globals
# hazard: parent-state-not-inherited
# line: 36
# files: r8kit/spackconf.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/spack/spack/pull/50866 -- "Fix wrong initialization of globals in subprocesses": the build processes read the configuration the parent set up in a module global, and a spawned build process has the module's import-time None instead
import multiprocessing as mp
import sys

from r8kit import spackconf

PACKAGES = ["zlib", "openssl", "cmake"]


def build_package(name, results):
    jobs = spackconf.get("build_jobs", 1)
    results.put((name, f"make -j{jobs}"))


class BuildInstaller:
    def __init__(self, packages):
        self.packages = packages

    def install_all(self):
        results = mp.Queue()
        procs = [mp.Process(target=build_package, args=(name, results)) for name in self.packages]
        for p in procs:
            p.start()
        commands = dict(results.get() for _ in procs)
        for p in procs:
            p.join()
        return commands


def main():
    spackconf.ensure_configured([{"build_jobs": 1}, {"build_jobs": 4, "dirty": False}])
    commands = BuildInstaller(PACKAGES).install_all()
    print(f"RESULT={commands['zlib']}")
    if set(commands.values()) != {"make -j4"}:
        sys.exit(3)


if __name__ == "__main__":
    main()
