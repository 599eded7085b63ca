# family: args
# hazard: unpicklable-argument
# line: 24
# files: r5kit/memory.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: mem0 #3430: a local Qdrant client (holding a sqlite3 connection) was put into the memory config dict, and the config had to be pickled: "cannot pickle 'sqlite3.Connection' object"; here the config goes to a Process (https://github.com/mem0ai/mem0/issues/3430)
import multiprocessing

from r5kit.memory import build_config, make_client


def memory_worker(config, queries, out):
    store = config["vector_store"]["config"]
    client = store["client"]
    out.put([client.search(q) for q in queries])


class MemoryService:
    def __init__(self, user_id):
        self.config = build_config(user_id, client=make_client())

    def warm_up(self, queries):
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=memory_worker, args=(self.config, queries, out))
        proc.start()
        hits = out.get(timeout=15)
        proc.join(10)
        return hits


if __name__ == "__main__":
    service = MemoryService("user123")
    print("RESULT=%s" % service.warm_up(["pizza", "sushi"]))
