# family: queue
# hazard: queue-join-deadlock
# line: 19
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 6
# note: a CSV exporter child that renders all rows into an mp.Queue; the parent joins the exporter before reading its output.
import multiprocessing as mp


def export_rows(spec, out):
    rows = [f"{i},{spec['table']},{'x' * 40}" for i in range(spec["limit"])]
    out.put("\n".join(rows))


def run_export(spec):
    out = mp.Queue()
    worker = mp.Process(target=export_rows, args=(spec, out))
    worker.start()
    worker.join()
    return out.get()


if __name__ == "__main__":
    text = run_export({"table": "orders", "limit": 20000})
    print("RESULT=%d" % len(text.splitlines()))
