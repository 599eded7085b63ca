# family: start_method
# hazard: set-start-method-misuse
# line: 20
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: github.com/deepspeedai/DeepSpeed/pull/7743 -- test_start_method_safety is parametrized over spawn, fork and forkserver and calls set_start_method(method) in one test process, so the second case raises "RuntimeError: context has already been set" (the PR forces it).
import multiprocessing as mp

METHODS = ["spawn", "fork", "forkserver"]


def _probe(result_queue, payload):
    result_queue.put((mp.current_process().name, sum(payload)))


def initialize_engine(config):
    return {"zero_stage": config.get("zero_stage", 0), "payload": list(range(config["size"]))}


def test_start_method_safety(method, config):
    mp.set_start_method(method)
    engine = initialize_engine(config)
    result_queue = mp.Queue()
    proc = mp.Process(target=_probe, args=(result_queue, engine["payload"]))
    proc.start()
    name, total = result_queue.get(timeout=20)
    proc.join()
    return method, total


def run_parametrized(config):
    return [test_start_method_safety(method, config) for method in METHODS]


if __name__ == "__main__":
    print("RESULT=%s" % run_parametrized({"zero_stage": 2, "size": 5}))
