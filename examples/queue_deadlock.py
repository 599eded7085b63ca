"""join() before get(): the child cannot exit until the 1 MB it put on the queue has been read, and
the parent waits in join() forever, under every start method."""
import multiprocessing


def produce(q):
    q.put("x" * 1_000_000)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=produce, args=(q,))
    p.start()
    p.join()
    print(len(q.get()))
