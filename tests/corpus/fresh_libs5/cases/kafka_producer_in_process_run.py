# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dpkp/kafka-python/issues/570 -- the maintainer's answer: "Try instantiating a new producer in the 'run' method, not `__init__` when using multiple processes"; only the topic and count are pickled.
import multiprocessing

from kafka import KafkaProducer


class EventProducer(multiprocessing.Process):
    def __init__(self, topic, count):
        super().__init__()
        self.topic = topic
        self.count = count

    def run(self):
        producer = KafkaProducer(bootstrap_servers="localhost:9", api_version=(2, 0, 0),
                                 client_id="worker")
        payloads = [("event-%d" % n).encode() for n in range(self.count)]
        print("prepared %d events for %s" % (len(payloads), self.topic))
        producer.close(timeout=0)


def main():
    worker = EventProducer("my-topic", 3)
    worker.start()
    worker.join()
    print("RESULT=%s" % worker.exitcode)


if __name__ == "__main__":
    main()
