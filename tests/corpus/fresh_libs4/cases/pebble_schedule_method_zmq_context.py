# family: callable
# hazard: unpicklable-callable
# line: 21
# expect: fork=error:TypeError spawn=error:TypeError forkserver=error:TypeError
# timeout: 15
# note: pyzmq #1222 (https://github.com/zeromq/pyzmq/issues/1222): "a library that pickles to pass stuff" gets a ZMQ context; a Publisher keeps its zmq.Context in self and schedules its own bound method on a pebble ProcessPool, which pickles the instance (the context cannot be pickled).
import zmq
from pebble import ProcessPool


class Publisher:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.context = zmq.Context()

    def encode_batch(self, batch):
        return b"|".join(str(item).encode() for item in batch)

    def publish_all(self, batches):
        with ProcessPool(max_workers=2) as pool:
            futures = [pool.schedule(self.encode_batch, args=[batch]) for batch in batches]
            return [future.result(timeout=5) for future in futures]


if __name__ == "__main__":
    publisher = Publisher("tcp://127.0.0.1:5557")
    frames = publisher.publish_all([[1, 2], [3, 4]])
    print("RESULT=" + ",".join(frame.decode() for frame in frames))
