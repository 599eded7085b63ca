# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of container_update_lock_in_job_spec: the per-device locks appended to a list are multiprocessing.Lock objects and travel as Process arguments, which multiprocessing allows under every start method. Modelled on https://github.com/EnterpriseDB/barman/pull/1184 (the fix: multiprocessing.Lock instead of threading.Lock).
"""Write to simulated devices from several processes, one lock per device."""
import multiprocessing

DEVICES = ["sda", "sdb"]


def make_locks(names):
    locks = []
    for _ in names:
        locks.append(multiprocessing.Lock())
    return locks


def writer(worker_id, device, lock, results):
    with lock:
        results.put(f"worker {worker_id} wrote to {device}")


def main():
    locks = make_locks(DEVICES)
    results = multiprocessing.Queue()
    procs = []
    for worker_id in range(4):
        index = worker_id % len(DEVICES)
        proc = multiprocessing.Process(
            target=writer, args=(worker_id, DEVICES[index], locks[index], results))
        proc.start()
        procs.append(proc)
    lines = sorted(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
