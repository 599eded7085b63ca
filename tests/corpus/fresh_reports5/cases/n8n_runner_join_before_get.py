# family: queue
# hazard: queue-join-deadlock
# line: 24
# timeout: 8
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: n8n's native Python runner hung at 64 KB of output: the child put its result on a multiprocessing.Queue and the parent waited in process.join() before reading it (https://github.com/n8n-io/n8n/pull/19084)
import multiprocessing


def execute_code(code, items, result_queue):
    namespace = {"items": items}
    exec(code, namespace)
    result_queue.put({"ok": True, "result": namespace["result"]})


class TaskRunner:
    def __init__(self, timeout=30):
        self.timeout = timeout

    def run_task(self, code, items):
        queue = multiprocessing.Queue()
        process = multiprocessing.Process(target=execute_code, args=(code, items, queue))
        process.start()
        process.join()
        returned = queue.get()
        return returned["result"]


USER_CODE = "result = [dict(item, body=str(item['id']) * 2000) for item in items]"

if __name__ == "__main__":
    runner = TaskRunner()
    items = [{"id": i} for i in range(100)]
    print("RESULT=%s" % len(runner.run_task(USER_CODE, items)))
