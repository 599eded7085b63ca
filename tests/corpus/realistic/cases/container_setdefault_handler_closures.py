# family: container
# hazard: unpicklable-callable
# line: 32
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Event handlers made by a factory (closures) are registered with dict.setdefault(...).append and later taken out by event name as Process targets; a forked child inherits them, spawn/forkserver must pickle the closure. Modelled on https://github.com/gentoo/portage/pull/1260 (Can't pickle local object 'spawn_wrapper.__call__.<locals>._pre_exec').
"""Dispatch events to handler processes registered per event name."""
import multiprocessing

HANDLERS = {}


def on(event, handler):
    HANDLERS.setdefault(event, []).append(handler)
    return handler


def make_notifier(channel):
    def notify(payload, results):
        results.put(f"{channel}: {payload}")
    return notify


def setup():
    on("deploy", make_notifier("#ops"))
    on("deploy", make_notifier("#releases"))
    on("alert", make_notifier("#oncall"))


def dispatch(event, payload, results):
    procs = []
    for handler in HANDLERS.get(event, []):
        proc = multiprocessing.Process(target=handler, args=(payload, results))
        proc.start()
        procs.append(proc)
    return procs


def main():
    setup()
    results = multiprocessing.Queue()
    procs = dispatch("deploy", "v1.4.2", results)
    messages = sorted(results.get(timeout=10) for _ in procs)
    for proc in procs:
        proc.join()
    print("\n".join(messages))


if __name__ == "__main__":
    main()
