# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python-botogram/botogram/issues/3 -- the direction the maintainer took: the reply channel is created once and handed to the shared process as a Process argument (inheritance), and requests carry only plain values
import multiprocessing as mp
import sys


def shared_process(commands, replies):
    store = {}
    while True:
        cmd = commands.get()
        if cmd is None:
            return
        op, key, value = cmd
        if op == "set":
            store[key] = value
        replies.send(store.get(key))


class SharedMemory:
    def __init__(self):
        self.commands = mp.Queue()
        self.replies, child_end = mp.Pipe(duplex=False)
        self.proc = mp.Process(target=shared_process, args=(self.commands, child_end),
                               daemon=True)

    def start(self):
        self.proc.start()

    def request(self, op, key, value=None):
        self.commands.put((op, key, value))
        if not self.replies.poll(10):
            raise TimeoutError("shared process did not answer")
        return self.replies.recv()

    def stop(self):
        self.commands.put(None)
        self.proc.join(5)


class BotRunner:
    def __init__(self):
        self.shared = SharedMemory()

    def boot(self):
        self.shared.start()
        self.shared.request("set", "greeting", "hello")
        return self.shared.request("get", "greeting")


if __name__ == "__main__":
    runner = BotRunner()
    print("shared says", runner.boot())
    runner.shared.stop()
    sys.exit(0)
