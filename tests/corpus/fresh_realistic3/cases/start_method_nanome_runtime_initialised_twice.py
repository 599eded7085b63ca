# family: start_method
# hazard: set-start-method-misuse
# line: etlkit/runtime.py:7
# files: etlkit/runtime.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/nanome-ai/nanome-lib/pull/264 ("Make sure set_start_method only executed once"); here the CLI calls etlkit.runtime.init_runtime() in main() and the Plugin's run() calls it again before starting its worker
import multiprocessing
import sys

from etlkit.runtime import init_runtime


def serve(name, port, out):
    out.put("%s listening on %d" % (name, port))


class Plugin:
    def __init__(self, name, port):
        self.name = name
        self.port = port

    def run(self):
        init_runtime("spawn")
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=serve, args=(self.name, self.port, out))
        proc.start()
        message = out.get(timeout=20)
        proc.join()
        return message


def main():
    init_runtime("spawn")
    message = Plugin("docking", 8888).run()
    print("RESULT=%s" % message)
    if message != "docking listening on 8888":
        sys.exit(3)


if __name__ == "__main__":
    main()
