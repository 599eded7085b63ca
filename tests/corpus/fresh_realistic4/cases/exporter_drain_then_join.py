# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the CSV exporter reading its output from the queue before joining the child.
import multiprocessing as mp


def export_rows(spec, out):
    rows = [f"{i},{spec['table']},{'x' * 40}" for i in range(spec["limit"])]
    out.put("\n".join(rows))


def run_export(spec):
    out = mp.Queue()
    worker = mp.Process(target=export_rows, args=(spec, out))
    worker.start()
    text = out.get()
    worker.join()
    return text


if __name__ == "__main__":
    text = run_export({"table": "orders", "limit": 20000})
    print("RESULT=%d" % len(text.splitlines()))
