# family: args
# hazard: inheritance-only-object
# line: 33
# expect: fork=inheritance_only_error+hang spawn=inheritance_only_error+hang forkserver=inheritance_only_error+hang
# timeout: 6
# note: https://github.com/python-botogram/botogram/issues/3 -- "RuntimeError: Queue objects should only be shared between processes through inheritance" raised in the queue feeder thread when the runner sends a reply Queue to the shared-memory process through another Queue; reduced to a runner that puts a per-request reply queue into the shared process's command queue and waits for the answer
import multiprocessing as mp
import sys


def shared_process(commands):
    store = {}
    while True:
        cmd = commands.get()
        if cmd is None:
            return
        op, key, value, reply = cmd
        if op == "set":
            store[key] = value
        reply.put(store.get(key))


class SharedMemory:
    def __init__(self):
        self.commands = mp.Queue()
        self.proc = mp.Process(target=shared_process, args=(self.commands,), daemon=True)

    def start(self):
        self.proc.start()

    def request(self, op, key, value=None):
        reply = mp.Queue()
        self.commands.put((op, key, value, reply))
        return reply.get()

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
