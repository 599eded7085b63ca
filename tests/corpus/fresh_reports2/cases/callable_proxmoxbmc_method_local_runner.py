# family: callable
# hazard: unpicklable-callable
# line: 36
# timeout: 20
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/agnon/proxmoxbmc/issues/3 ("Error: Can't pickle local object 'ProxmoxBMCManager._sync_pbmc_states.<locals>.pbmc_runner'" on macOS): the manager's periodic sync defines the runner of each virtual BMC inside the method and starts it as a daemon Process target.
"""Keep one virtual BMC process running per configured VM."""
import multiprocessing
import sys


class ProxmoxBMC:
    def __init__(self, vmid, port):
        self.vmid = vmid
        self.port = port

    def listen(self, timeout):
        return "bmc %s on port %d" % (self.vmid, self.port)


class ProxmoxBMCManager:
    def __init__(self, config):
        self.config = config
        self._running = {}
        self.results = multiprocessing.Queue()

    def _sync_pbmc_states(self, shutdown=False):
        for vmid, conf in self.config.items():
            if vmid in self._running or shutdown:
                continue

            def pbmc_runner(queue, **kwargs):
                pbmc = ProxmoxBMC(**kwargs)
                queue.put(pbmc.listen(timeout=1))

            instance = multiprocessing.Process(name="pbmcd-managed-%s" % vmid, target=pbmc_runner,
                                               args=(self.results,), kwargs=dict(vmid=vmid, port=conf["port"]))
            instance.daemon = True
            instance.start()
            self._running[vmid] = instance

    def periodic(self):
        self._sync_pbmc_states()
        answers = sorted(self.results.get(timeout=10) for _ in self._running)
        for instance in self._running.values():
            instance.join()
        return answers


def main():
    manager = ProxmoxBMCManager({"101": {"port": 6231}, "102": {"port": 6232}})
    print("RESULT=%s" % manager.periodic())
    return 0


if __name__ == "__main__":
    sys.exit(main())
