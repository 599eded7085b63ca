# family: conditions
# hazard: none
# line: none
# win32: error:ValueError
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss modelled on https://github.com/jplana/python-etcd/pull/294 ("change the method back to fork on environments where forkserver is the default"): the test helper takes the start method as a parameter, and its only caller passes "fork", so the lambda-based handler table is never pickled.
"""Start a fake server process with a table of handlers and query it."""
import multiprocessing
import sys

HANDLERS = {
    "get": lambda key: "value-of-%s" % key,
    "len": lambda key: str(len(key)),
}


def serve(handlers, requests, replies):
    for op, key in iter(requests.get, None):
        replies.put(handlers[op](key))


def start_server(method, handlers):
    ctx = multiprocessing.get_context(method)
    requests, replies = ctx.Queue(), ctx.Queue()
    proc = ctx.Process(target=serve, args=(handlers, requests, replies))
    proc.start()
    return proc, requests, replies


def run_queries(queries):
    proc, requests, replies = start_server("fork", HANDLERS)
    answers = []
    for q in queries:
        requests.put(q)
        answers.append(replies.get(timeout=30))
    requests.put(None)
    proc.join()
    return answers


if __name__ == "__main__":
    answers = run_queries([("get", "a"), ("len", "abcd")])
    print("RESULT=%s" % answers)
    sys.exit(0 if answers == ["value-of-a", "4"] else 3)
