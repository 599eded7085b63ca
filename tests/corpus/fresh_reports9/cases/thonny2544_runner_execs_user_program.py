# family: guard
# hazard: main-attribute-missing
# line: 46 47
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# note: https://github.com/thonny/thonny/issues/2544 -- "Can't get attribute 'executeProc' on <module '__main__' (built-in)>": the IDE's backend runs the user's program by exec'ing its source into __main__, so the Process target is __main__.executeProc, which a spawned child (that re-imports the real main script) never defines; reduced to a runner that execs a user program string
import sys
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
    """Reduced IDE backend: executes the editor's program in the __main__ namespace."""

    def __init__(self, source, filename="<editor>"):
        self.code = compile(source, filename, "exec")

    def run(self):
        namespace = sys.modules["__main__"].__dict__
        exec(self.code, namespace)
        return namespace["main"]()


if __name__ == "__main__":
    codes = Backend(USER_PROGRAM).run()
    print(f"RESULT={codes}")
    sys.exit(0 if codes == [0, 0] else 1)
