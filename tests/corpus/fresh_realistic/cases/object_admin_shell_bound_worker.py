# family: object
# hazard: unpicklable-argument
# line: 30 31
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/qrefine/qrefine/issues/61 ("cannot serialize '_io.TextIOWrapper' object": the results manager passed to worker processes kept a log stream; fixed by removing `log` from the class) with the object being a cmd.Cmd shell, which keeps sys.stdin and sys.stdout as attributes. `do_reindex` starts a Process whose target is the shell's own bound method, so spawn/forkserver pickle the shell and its streams.
"""Admin shell for the search cluster.  Commands run in child processes."""
import cmd
import multiprocessing
import sys


class AdminShell(cmd.Cmd):
    intro = "search-admin; type help or ? to list commands"
    prompt = "(admin) "

    def __init__(self, indexes):
        super().__init__(stdin=sys.stdin, stdout=sys.stdout)
        self.indexes = indexes
        self.done = multiprocessing.Queue()
        self.log = []

    def _reindex(self, name, done):
        docs = self.indexes.get(name, [])
        done.put((name, len(docs)))

    def do_reindex(self, arg):
        """reindex NAME...: rebuild the named indexes"""
        workers = []
        for name in arg.split():
            worker = multiprocessing.Process(target=self._reindex, args=(name, self.done))
            worker.start()
            workers.append(worker)
        for _ in workers:
            self.log.append(self.done.get(timeout=10))
        for worker in workers:
            worker.join(5)

    def do_quit(self, arg):
        """quit: leave the shell"""
        return True


def main():
    shell = AdminShell({"products": ["a", "b", "c"], "users": ["u1"]})
    shell.onecmd("reindex products users")
    print("RESULT=%s" % sorted(shell.log))


if __name__ == "__main__":
    main()
