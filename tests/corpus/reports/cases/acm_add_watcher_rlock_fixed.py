# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss in the spirit of https://github.com/alibaba/acm-sdk-python/pull/15 (the PR makes the client picklable for Windows; here with __getstate__/__setstate__ that drop the RLock and the process handles and recreate the lock in the child). Same client, decorator and add_watcher -> add_watchers -> puller.start() chain as the buggy case.
"""Watch configuration keys in a background puller process."""
import functools
import multiprocessing
import sys
import threading


def synchronized_with_attr(lock_name):
    def decorator(method):
        @functools.wraps(method)
        def synced_func(self, *args, **kws):
            with getattr(self, lock_name):
                return method(self, *args, **kws)
        return synced_func
    return decorator


class ACMClient:
    def __init__(self, endpoint, namespace):
        self.endpoint = endpoint
        self.namespace = namespace
        self.lock = threading.RLock()
        self.watcher_mapping = {}
        self.puller_mapping = {}
        self.notify_queue = multiprocessing.Queue()
        self.server_configs = {("app.yaml", "DEFAULT_GROUP"): "timeout: 30"}

    def __getstate__(self):
        # the lock and the process handles stay in the parent; the puller only needs data
        state = self.__dict__.copy()
        state.pop("lock", None)
        state.pop("puller_mapping", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.lock = threading.RLock()
        self.puller_mapping = {}

    def _do_pulling(self, cache_list, queue):
        for data_id, group in cache_list:
            content = self.server_configs.get((data_id, group))
            queue.put((data_id, group, content))

    @synchronized_with_attr("lock")
    def add_watcher(self, data_id, group, cb):
        self.add_watchers(data_id, group, [cb])

    @synchronized_with_attr("lock")
    def add_watchers(self, data_id, group, cb_list):
        key = (data_id, group)
        self.watcher_mapping.setdefault(key, []).extend(cb_list)
        puller = multiprocessing.Process(target=self._do_pulling,
                                         args=([key], self.notify_queue))
        puller.daemon = True
        puller.start()
        self.puller_mapping[key] = puller

    def process_notifications(self, count):
        seen = []
        for _ in range(count):
            data_id, group, content = self.notify_queue.get(timeout=10)
            for cb in self.watcher_mapping[(data_id, group)]:
                seen.append(cb(data_id, content))
        for puller in self.puller_mapping.values():
            puller.join()
        return seen


def on_change(data_id, content):
    return "%s=%s" % (data_id, content)


def main():
    client = ACMClient("acm.example.invalid:8080", "ns-1")
    client.add_watcher("app.yaml", "DEFAULT_GROUP", on_change)
    seen = client.process_notifications(1)
    print("RESULT=%s" % seen)
    return 0 if seen == ["app.yaml=timeout: 30"] else 3


if __name__ == "__main__":
    sys.exit(main())
