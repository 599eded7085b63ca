# family: object
# hazard: unpicklable-argument
# line: 46
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A cmd.Cmd subclass is handed to a child process to replay a script of commands; cmd.Cmd.__init__ stores sys.stdin and sys.stdout on the instance, and text streams cannot be pickled for spawn/forkserver. Modelled on https://github.com/bw0rth/pync/pull/8 (classes no longer store sys.stdin/stdout so multiprocessing.Process can pickle them).
"""A small admin shell that can replay a batch of commands in the background."""
import cmd
import multiprocessing


class AdminShell(cmd.Cmd):
    prompt = "(admin) "

    def __init__(self, results=None):
        super().__init__()
        self.results = results
        self.users = {"alice": "admin", "bob": "viewer"}

    def emit(self, text):
        if self.results is not None:
            self.results.put(text)
        else:
            print(text)

    def do_role(self, arg):
        self.emit(f"{arg}={self.users.get(arg, 'unknown')}")

    def do_count(self, arg):
        self.emit(f"users={len(self.users)}")

    def do_quit(self, arg):
        return True


def replay(shell, commands):
    for line in commands:
        if shell.onecmd(line):
            break
    shell.results.put(None)


def main():
    results = multiprocessing.Queue()
    shell = AdminShell(results)
    batch = ["role alice", "role carol", "count", "quit"]
    proc = multiprocessing.Process(target=replay, args=(shell, batch))
    proc.start()
    out = []
    for item in iter(lambda: results.get(timeout=10), None):
        out.append(item)
    proc.join()
    print(out)


if __name__ == "__main__":
    main()
