# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/fkie-cad/Logprep/issues/186 -- the working run from the thread: the same pipeline manager and the same code with `logger: level: INFO`, so no Pipeline keeps a handler and the bound method pipeline.run pickles under spawn
import logging
import multiprocessing
import sys

CONFIG = {
    "version": 1,
    "process_count": 2,
    "timeout": 0.1,
    "logger": {"level": "INFO"},
    "pipeline": [
        {"labelername": {"type": "labeler", "include_parent_labels": True}},
        {"dropper": {"type": "dropper", "drop": ["debug_field"]}},
    ],
}

PROCESSORS = {
    "labeler": lambda event, opts: {**event, "label": "seen"},
    "dropper": lambda event, opts: {k: v for k, v in event.items() if k not in opts["drop"]},
}


class Pipeline:
    def __init__(self, index, config, out_queue):
        self.index = index
        self.steps = [(next(iter(s)), next(iter(s.values()))) for s in config["pipeline"]]
        self.out_queue = out_queue
        self.level = config["logger"]["level"]
        if self.level == "DEBUG":
            self._debug_handler = logging.StreamHandler(sys.stderr)

    def run(self):
        event = {"id": self.index, "debug_field": "x"}
        for _name, opts in self.steps:
            event = PROCESSORS[opts["type"]](event, opts)
        self.out_queue.put(event)


class PipelineManager:
    def __init__(self, config):
        self.config = config
        self.out_queue = multiprocessing.Queue()
        self.processes = []

    def set_count(self, count):
        for index in range(count):
            pipeline = Pipeline(index, self.config, self.out_queue)
            process = multiprocessing.Process(target=pipeline.run, daemon=True)
            self.processes.append(process)

    def start(self):
        for process in self.processes:
            process.start()
        events = [self.out_queue.get(timeout=10) for _ in self.processes]
        for process in self.processes:
            process.join()
        return sorted(events, key=lambda e: e["id"])


if __name__ == "__main__":
    manager = PipelineManager(CONFIG)
    manager.set_count(CONFIG["process_count"])
    for event in manager.start():
        print(event)
