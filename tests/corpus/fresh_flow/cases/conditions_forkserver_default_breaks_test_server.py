# family: conditions
# hazard: parent-state-not-inherited
# line: 25
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: Modelled on https://github.com/apache/buildstream/pull/2067 and https://github.com/osbuild/osbuild/pull/2115 (test helpers written for fork broke when Python 3.14 made forkserver the default). The helper only asks for fork on macOS (where spawn is the default), so on Linux the default method is used and the port assigned at run time is missing in the child.
"""Start a test artifact server in a child process and ask it for its address."""
import multiprocessing
import sys

SERVER_PORT = 0


def serve(replies):
    replies.put("127.0.0.1:%d" % SERVER_PORT)


def server_context():
    if sys.platform == "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def start_test_server(port):
    global SERVER_PORT
    SERVER_PORT = port
    ctx = server_context()
    replies = ctx.Queue()
    proc = ctx.Process(target=serve, args=(replies,))
    proc.start()
    address = replies.get(timeout=30)
    proc.join()
    return address


if __name__ == "__main__":
    address = start_test_server(8366)
    print("RESULT=%s" % address)
    sys.exit(0 if address.endswith(":8366") else 3)
