# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/thonny/thonny/issues/2544 -- the same program runs from CMD because there it is a real file the child can import; reduced to a backend that saves the editor's program as a module and imports it instead of exec'ing it into __main__
import importlib
import os
import sys
import tempfile
import textwrap

USER_PROGRAM = textwrap.dedent('''
    from multiprocessing import Process

    def calPrime(n):
        primfac = []
        d = 2
        while d * d <= n:
            while n % d == 0:
                primfac.append(d)
                n //= d
            d += 1
        if n > 1:
            primfac.append(n)
        return primfac

    def executeProc(n):
        for i in range(n * 10, (n + 1) * 10):
            calPrime(i)

    def main():
        procs = [Process(target=executeProc, args=(i,)) for i in range(2)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(10)
        return [proc.exitcode for proc in procs]
''')


class Backend:
    """The working variant: the editor's program is saved as a module and imported, so its
    functions belong to a module a spawned child can import too (sys.path travels to it)."""

    def __init__(self, source, module_name="user_program"):
        self.source = source
        self.module_name = module_name

    def run(self):
        folder = tempfile.mkdtemp(prefix="r9ide")
        with open(os.path.join(folder, self.module_name + ".py"), "w") as fh:
            fh.write(self.source)
        sys.path.insert(0, folder)
        module = importlib.import_module(self.module_name)
        return module.main()


if __name__ == "__main__":
    codes = Backend(USER_PROGRAM).run()
    print(f"RESULT={codes}")
    sys.exit(0 if codes == [0, 0] else 1)
