# family: args
# hazard: none
# line: none
# files: r5kit/memory.py
# expect: fork=ok spawn=ok forkserver=ok
# note: the usual answer to mem0 #3430: put the store's path in the config and build the client where it is used (https://github.com/mem0ai/mem0/issues/3430)
import multiprocessing

from r5kit.memory import LocalVectorClient, build_config, make_client


def memory_worker(config, queries, out):
    store = config["vector_store"]["config"]
    client = LocalVectorClient(store["path"])
    out.put([client.search(q) for q in queries])


class MemoryService:
    def __init__(self, user_id):
        self.config = build_config(user_id, path=make_client().path)

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
