# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss modelled on https://github.com/osbuild/osbuild/pull/2115 ("Avoid the multiprocessing forkserver method": tests that need fork ask for it explicitly): a flag derived from sys.platform picks the fork context on Linux, so the closure handed to Process is never pickled there, whatever the default method.
"""Run a check against a local API server object in a forked child."""
import multiprocessing
import sys

CAN_FORK = sys.platform.startswith("linux")
METHOD = "fork" if CAN_FORK else "spawn"


class API:
    def __init__(self, path):
        self.path = path
        self.calls = []

    def handle(self, msg):
        self.calls.append(msg)
        return "ack:%s" % msg


def make_client(api, results):
    def client():
        results.put(api.handle("exception"))
    return client


def main():
    ctx = multiprocessing.get_context(METHOD)
    api = API("/run/osbuild/api")
    results = ctx.Queue()
    p = ctx.Process(target=make_client(api, results))
    p.start()
    reply = results.get(timeout=30)
    p.join()
    print("RESULT=%s" % reply)
    return 0 if reply == "ack:exception" else 3


if __name__ == "__main__":
    sys.exit(main())
