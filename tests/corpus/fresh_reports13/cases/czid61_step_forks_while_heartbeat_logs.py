# family: threads
# hazard: fork-with-held-lock
# line: 27
# files: r13kit/dag_log.py
# timeout: 6
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/chanzuckerberg/czid-dag/pull/61 -- "acquire lock before fork": a pipeline step runs its command in a forked child while the heartbeat thread is inside the logging lock (flushing to a slow sink); the child inherits the lock held by a thread it does not have and blocks forever on its first log line
import multiprocessing
import sys
import time

from r13kit import dag_log


def run_command(step_name, command, results):
    dag_log.write("%s: running %s" % (step_name, " ".join(command)))
    results.put((step_name, len(command)))


class PipelineStep:
    def __init__(self, name, command):
        self.name = name
        self.command = command

    def run(self, results):
        p = multiprocessing.Process(target=run_command, args=(self.name, self.command, results))
        p.start()
        p.join()
        return p.exitcode


class PipelineFlow:
    def __init__(self, steps):
        self.steps = steps

    def start(self):
        results = multiprocessing.Queue()
        dag_log.write("flow: starting %d step(s)" % len(self.steps))
        stop = dag_log.start_heartbeat([s.name for s in self.steps])
        time.sleep(0.2)  # the heartbeat is now flushing its first backlog
        codes = [step.run(results) for step in self.steps]
        stop.set()
        return codes, [results.get(timeout=5) for _ in self.steps]


if __name__ == "__main__":
    flow = PipelineFlow([PipelineStep("host_filter", ["star", "--genome", "hg38"])])
    codes, results = flow.start()
    print("RESULT=%s" % codes)
    if codes != [0]:
        sys.exit(3)
