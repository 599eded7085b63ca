# family: callable
# hazard: nested-function-target
# line: 46 47 81
# files: r15kit/sphinx_logging.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/sphinx-doc/sphinx/issues/6865 -- test_logging_in_ParallelTasks fails with Python 3.8 on macOS: "the default ... is spawn ... we can't use lambda and internal function to invoke multiprocessing"; the test defines child_process() inside the test function and hands it to ParallelTasks.add_task, whose Process must pickle it under spawn ("Can't pickle local object ... <locals>.child_process")
import logging
import multiprocessing
import sys
import unittest

from r15kit import sphinx_logging


def _process(pipe, func, arg):
    try:
        with sphinx_logging.pending_logging() as memhandler:
            ret = func() if arg is None else func(arg)
        pipe.send((False, memhandler.buffer, ret))
    except BaseException as err:
        pipe.send((True, [], repr(err)))


class SphinxParallelError(Exception):
    pass


class ParallelTasks:
    """Executes tasks in worker processes, after sphinx.util.parallel.ParallelTasks."""

    def __init__(self, nproc, context=None):
        self.nproc = nproc
        self._ctx = multiprocessing.get_context(context)
        self._result_funcs = {}
        self._args = {}
        self._procs = {}
        self._precvs = {}
        self._taskid = 0

    def add_task(self, task_func, arg=None, result_func=None):
        tid = self._taskid
        self._taskid += 1
        self._result_funcs[tid] = result_func or (lambda arg, result: None)
        self._args[tid] = arg
        precv, psend = self._ctx.Pipe(False)
        proc = self._ctx.Process(target=_process, args=(psend, task_func, arg))
        proc.start()
        self._procs[tid] = proc
        self._precvs[tid] = precv

    def join(self):
        for tid in sorted(self._procs):
            exc, logs, result = self._precvs.pop(tid).recv()
            self._procs.pop(tid).join()
            if exc:
                raise SphinxParallelError(result)
            sphinx_logging.replay(logs)
            self._result_funcs.pop(tid)(self._args.pop(tid), result)


def make_tasks(nproc):
    return ParallelTasks(nproc)


class TestParallel(unittest.TestCase):
    def setUp(self):
        self.collected = sphinx_logging.CollectingHandler()
        root = logging.getLogger(sphinx_logging.NAMESPACE)
        root.addHandler(self.collected)
        root.setLevel(logging.INFO)
        self.addCleanup(root.removeHandler, self.collected)

    def test_logging_in_ParallelTasks(self):
        logger = sphinx_logging.getLogger(__name__)

        def child_process():
            logger.info("message1")
            logger.warning("message2")

        tasks = make_tasks(1)
        tasks.add_task(child_process)
        tasks.join()
        self.assertEqual(self.collected.messages, ["message1", "message2"])
        RESULTS.append(len(self.collected.messages))


RESULTS = []

if __name__ == "__main__":
    outcome = unittest.main(exit=False, verbosity=0).result
    print(f"RESULT={RESULTS[0] if RESULTS else 'none'}")
    sys.exit(0 if outcome.wasSuccessful() and RESULTS == [2] else 3)
