"""A dramatiq-like worker process body: it logs through the write end of a pipe and exits."""
import os


def worker_process(worker_id, messages, write_conn):
    for i, msg in enumerate(messages):
        write_conn.send(f"[worker-{worker_id}] pid={os.getpid()} processed {msg} ({i})")
    write_conn.send(f"[worker-{worker_id}] shutting down")
    write_conn.close()
