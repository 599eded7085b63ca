# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# win32: ok
# note: Near miss for https://github.com/saeeddhqan/Maryam/issues/246: the fix (commit d752f17) asks for fork explicitly; here only where fork exists, otherwise the engines run one after another in the parent, so the object holding the open spool file is never pickled.
import multiprocessing
import os
import sys
import tempfile

if "fork" in multiprocessing.get_all_start_methods():
    MP = multiprocessing.get_context("fork")
else:
    MP = None


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
        out_q.put((engine, ["%s@%s.example" % (query, engine)]))

    def thread(self, query):
        if MP is None:
            import queue
            out_q = queue.Queue()
            for engine in self.engines:
                self._engine_runner(engine, query, out_q)
            return dict(out_q.get() for _ in self.engines)
        out_q = MP.Queue()
        procs = []
        for engine in self.engines:
            proc = MP.Process(target=self._engine_runner, args=(engine, query, out_q))
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
