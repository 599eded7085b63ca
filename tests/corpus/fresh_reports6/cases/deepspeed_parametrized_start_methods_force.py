# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/deepspeedai/DeepSpeed/pull/7743 -- the merged fix: each parametrized case recreates the context with set_start_method(method, force=True).
import multiprocessing as mp

METHODS = ["spawn", "fork", "forkserver"]


def _probe(result_queue, payload):
    result_queue.put((mp.current_process().name, sum(payload)))


def initialize_engine(config):
    return {"zero_stage": config.get("zero_stage", 0), "payload": list(range(config["size"]))}


def test_start_method_safety(method, config):
    mp.set_start_method(method, force=True)
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
