# family: callable
# hazard: unpicklable-callable
# line: 46
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/alibaba/acm-sdk-python/pull/15 (acm/client.py: ACMClient.add_watchers starts a `puller` multiprocessing.Process with target=self._do_pulling; the client holds a threading.RLock used by its @synchronized methods, so on Windows start() fails with "can't pickle _thread.RLock objects"; Linux worked). Kept: the client with RLock, watcher dict, a synchronized decorator, add_watcher -> add_watchers -> puller.start(); the long-poll HTTP call is replaced by reading a config dict and posting changes to a multiprocessing Queue.
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
