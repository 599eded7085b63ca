# family: callable
# hazard: unpicklable-callable
# line: 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/saeeddhqan/Maryam/issues/246 ("cannot pickle '_io.TextIOWrapper' object on python 3.9" on OSX): the framework object keeps its open spool/log file and runs each search engine in a Process whose target is one of its own bound methods.
import multiprocessing
import os
import sys
import tempfile


class core:
    def __init__(self, workspace):
        self.workspace = workspace
        self._spool = open(os.path.join(workspace, "spool.log"), "a")
        self.engines = ["google", "bing", "yahoo"]

    def output(self, msg):
        self._spool.write(msg + "\n")


class module(core):
    meta = {"name": "Email Searcher", "sources": ("google", "bing", "yahoo")}

    def _engine_runner(self, engine, query, out_q):
        # the real module scrapes the engine; the reduction returns canned hits
        out_q.put((engine, ["%s@%s.example" % (query, engine)]))

    def thread(self, query):
        out_q = multiprocessing.Queue()
        procs = []
        for engine in self.engines:
            proc = multiprocessing.Process(
                target=self._engine_runner, args=(engine, query, out_q)
            )
            proc.start()
            procs.append(proc)
        hits = dict(out_q.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join()
        return hits

    def module_run(self, query):
        hits = self.thread(query)
        for engine, emails in sorted(hits.items()):
            self.output("%s: %s" % (engine, ", ".join(emails)))
        return sum(len(v) for v in hits.values())


if __name__ == "__main__":
    ws = tempfile.mkdtemp()
    found = module(ws).module_run("admin")
    print("RESULT=%d" % found)
    sys.exit(0 if found == 3 else 3)
