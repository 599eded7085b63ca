# family: multiprocess
# hazard: queue-join-deadlock
# line: 38
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 15
# note: A producer process renders large report chunks onto a multiprocess.Queue and the parent joins it before reading: the child cannot exit until its feeder thread has flushed the data into the pipe, which nobody reads, so the program hangs under every start method. multiprocess copies the standard library's queues, so the Python docs' warning applies ("Joining processes that use queues", https://docs.python.org/3/library/multiprocessing.html#programming-guidelines); shape of https://github.com/Axelrod-Python/Axelrod/issues/125 (payoff matrices put on a queue, the workers joined before the queue is read).
"""Render report sections in a helper process (multiprocess) and assemble them."""
import multiprocess as mp

SECTIONS = ["summary", "revenue", "costs", "headcount"]


def render(section):
    body = (section.upper() + ": " + "lorem ipsum " * 2_000).strip()
    return section, body


def producer(queue, sections):
    for section in sections:
        queue.put(render(section))
    queue.put(None)


def collect(queue):
    parts = {}
    while True:
        item = queue.get()
        if item is None:
            return parts
        name, body = item
        parts[name] = body


def main():
    queue = mp.Queue()
    worker = mp.Process(target=producer, args=(queue, SECTIONS))
    worker.start()
    worker.join()
    parts = collect(queue)
    report = "\n\n".join(parts[s] for s in SECTIONS)
    print(f"report has {len(report)} characters")
    print("RESULT=" + str(len(parts)))


if __name__ == "__main__":
    main()
