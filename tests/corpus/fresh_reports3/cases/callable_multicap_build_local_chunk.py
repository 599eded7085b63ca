# family: callable
# hazard: unpicklable-callable
# line: 28 29
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/s77rt/multicapconverter/issues/2 ("AttributeError: Can't pickle local object 'build.<locals>.build_chunk'" at `task.start()` on Windows 10, Python 3.8): build() splits the capture's packets into chunks and starts one Process per chunk whose target is a function defined inside build(). Reduced: the pcap parser is a list of fake packets; the export filters are kept as keyword arguments.
"""Convert captured handshakes into hashcat lines, one process per chunk."""
import multiprocessing


class Capture:
    def __init__(self, packets):
        self.packets = packets

    def chunks(self, n):
        size = max(1, len(self.packets) // n)
        return [self.packets[i:i + size] for i in range(0, len(self.packets), size)]


def build(capture, export="hccapx", group_by="handshake", workers=2):
    results = multiprocessing.Queue()

    def build_chunk(chunk, out):
        lines = ["%s:%s:%s" % (export, group_by, pkt) for pkt in chunk]
        out.put(lines)

    tasks = []
    for chunk in capture.chunks(workers):
        task = multiprocessing.Process(target=build_chunk, args=(chunk, results))
        task.start()
        tasks.append(task)
    lines = []
    for _ in tasks:
        lines.extend(results.get(timeout=10))
    for task in tasks:
        task.join()
    return lines


if __name__ == "__main__":
    cap = Capture(["ap%d" % i for i in range(8)])
    out = build(cap, export="hccapx", group_by="handshake")
    print("RESULT=%d" % len(out))
