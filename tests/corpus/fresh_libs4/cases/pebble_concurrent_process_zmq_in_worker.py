# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: pyzmq #1284 (https://github.com/zeromq/pyzmq/issues/1284): a MessageHandler Process given a zmq context fails to start on Windows; the fix creates the context in the child. A module-level @concurrent.process function receives only the endpoint and builds its own context and socket.
import zmq
from pebble import concurrent


@concurrent.process(timeout=10)
def encode_batch(endpoint, batch):
    context = zmq.Context()
    sock = context.socket(zmq.PUSH)
    sock.setsockopt(zmq.LINGER, 0)
    sock.close()
    context.term()
    return endpoint.rsplit(":", 1)[1] + ":" + "|".join(str(item) for item in batch)


if __name__ == "__main__":
    futures = [encode_batch("tcp://127.0.0.1:5558", batch) for batch in ([1, 2], [3, 4])]
    print("RESULT=" + ",".join(future.result() for future in futures))
