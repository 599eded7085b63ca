# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the order the n8n review (and the multiprocessing docs) call for: read the result before joining the runner process (https://github.com/n8n-io/n8n/pull/19084)
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
        returned = queue.get(timeout=self.timeout)
        process.join(self.timeout)
        return returned["result"]


USER_CODE = "result = [dict(item, body=str(item['id']) * 2000) for item in items]"

if __name__ == "__main__":
    runner = TaskRunner()
    items = [{"id": i} for i in range(100)]
    print("RESULT=%s" % len(runner.run_task(USER_CODE, items)))
