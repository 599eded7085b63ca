"""idseq-dag-like logging: every line goes through one module-level lock, and a heartbeat thread
reports the running steps, flushing its backlog to a slow sink while it holds that lock."""
import sys
import threading
import time

print_lock = threading.RLock()
_backlog = []


def write(message, flush_delay=0.0):
    with print_lock:
        _backlog.append(message)
        time.sleep(flush_delay)  # the sink (a remote log stream) is slow
        sys.stdout.write("".join(line + "\n" for line in _backlog))
        sys.stdout.flush()
        _backlog.clear()


def start_heartbeat(steps, interval=0.05, flush_delay=1.0):
    stop = threading.Event()

    def beat():
        while not stop.is_set():
            write("heartbeat: running %s" % ",".join(sorted(steps)), flush_delay)
            stop.wait(interval)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    return stop
