# family: callable
# hazard: unpicklable-callable
# line: 26
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/dpkp/kafka-python/issues/570 -- "How to use kafkaProducer in multiprocessing": a multiprocessing.Process subclass built its KafkaProducer in __init__; the maintainer: instantiate the producer in run(), not __init__. Under spawn the Process object (and its producer's locks) must be pickled.
import multiprocessing

from kafka import KafkaProducer


class EventProducer(multiprocessing.Process):
    def __init__(self, topic, count):
        super().__init__()
        self.topic = topic
        self.count = count
        self.producer = KafkaProducer(bootstrap_servers="localhost:9", api_version=(2, 0, 0),
                                      client_id="worker")

    def run(self):
        payloads = [("event-%d" % n).encode() for n in range(self.count)]
        print("prepared %d events for %s" % (len(payloads), self.topic))


def main():
    worker = EventProducer("my-topic", 3)
    worker.start()
    worker.join()
    worker.producer.close(timeout=0)
    print("RESULT=%s" % worker.exitcode)


if __name__ == "__main__":
    main()
