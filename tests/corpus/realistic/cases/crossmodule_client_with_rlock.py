# family: crossmodule
# hazard: unpicklable-argument
# line: 24
# files: appkit/clients.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: The metrics client is built by appkit.clients.make_client(), whose class creates a threading.RLock in __init__; the script passes the client as a Process argument, which only fork can carry. Modelled on https://github.com/Preston-Landers/concurrent-log-handler/issues/24 (an object built elsewhere carrying an RLock: "can't pickle _thread.RLock objects").
"""Run simulated load generators that record metrics through a shared client."""
import multiprocessing

from appkit import clients


def generate_load(name, requests, client, out):
    for i in range(requests):
        client.record(f"{name}.latency", 10 + i)
    out.put((name, len(client.flush())))


def main():
    client = clients.make_client("memory://bench")
    out = multiprocessing.Queue()
    procs = []
    for name, requests in [("checkout", 5), ("search", 3)]:
        proc = multiprocessing.Process(target=generate_load, args=(name, requests, client, out))
        proc.start()
        procs.append(proc)
    print(sorted(out.get(timeout=10) for _ in procs))
    for proc in procs:
        proc.join()


if __name__ == "__main__":
    main()
