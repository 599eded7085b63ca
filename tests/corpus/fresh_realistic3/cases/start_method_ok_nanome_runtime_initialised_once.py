# family: start_method
# hazard: none
# line: none
# files: etlkit/runtime.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nanome-ai/nanome-lib/pull/264 (the fix: only set the start method when none was chosen yet; both callers use etlkit.runtime.init_runtime_once)
import multiprocessing
import sys

from etlkit.runtime import init_runtime_once


def serve(name, port, out):
    out.put("%s listening on %d" % (name, port))


class Plugin:
    def __init__(self, name, port):
        self.name = name
        self.port = port

    def run(self):
        init_runtime_once("spawn")
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=serve, args=(self.name, self.port, out))
        proc.start()
        message = out.get(timeout=20)
        proc.join()
        return message


def main():
    init_runtime_once("spawn")
    message = Plugin("docking", 8888).run()
    print("RESULT=%s" % message)
    if message != "docking listening on 8888":
        sys.exit(3)


if __name__ == "__main__":
    main()
