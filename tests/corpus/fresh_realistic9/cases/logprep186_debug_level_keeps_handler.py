# family: args
# hazard: unpicklable-target
# line: 52 57
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/fkie-cad/Logprep/issues/186 -- "PicklingError in DEBUG": the same pipeline.yml runs at INFO but fails with a PicklingError once `logger: level: DEBUG` is set; this program reduces that to a pipeline manager whose Pipeline objects, only at DEBUG, keep a StreamHandler of their own, and whose processes run the bound method pipeline.run
import logging
import multiprocessing
import sys

CONFIG = {
    "version": 1,
    "process_count": 2,
    "timeout": 0.1,
    "logger": {"level": "DEBUG"},
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
