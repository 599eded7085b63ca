# family: callable
# hazard: unpicklable-callable
# line: 28
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python-trio/purerpc/issues/30 ("tests fail on Python 3.8 (macOS)": test_utils wraps a local context-manager generator with _wrap_gen_in_process(conn) and passes the resulting nested target_fn to multiprocessing.Process).
import contextlib
import multiprocessing
import socket
import time


def _wrap_gen_in_process(conn):
    def decorator(gen):
        def target_fn(*args, **kwargs):
            with contextlib.contextmanager(gen)(*args, **kwargs) as result:
                conn.send(result)
                while True:
                    time.sleep(0.05)
        return target_fn
    return decorator


@contextlib.contextmanager
def _run_context_manager_generator_in_process(cm_gen):
    parent_conn, child_conn = multiprocessing.Pipe(duplex=False)
    target_fn = _wrap_gen_in_process(child_conn)(cm_gen)

    process = multiprocessing.Process(target=target_fn)
    process.start()
    try:
        yield parent_conn.recv()
    finally:
        process.terminate()
        process.join()


class EchoService:
    name = "Echo"


def run_purerpc_service_in_process(service):
    def target_fn():
        sock = socket.socket()
        sock.bind(("localhost", 0))
        port = sock.getsockname()[1]
        try:
            yield (service.name, port)
        finally:
            sock.close()

    return _run_context_manager_generator_in_process(target_fn)


def test_grpc_client_large_payload():
    with run_purerpc_service_in_process(EchoService()) as (name, port):
        assert name == "Echo" and port > 0
        return name


if __name__ == "__main__":
    print("RESULT=%s" % test_grpc_client_large_payload())
