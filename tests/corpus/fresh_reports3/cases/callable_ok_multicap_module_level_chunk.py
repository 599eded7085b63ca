# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/s77rt/multicapconverter/issues/2 ("Can't pickle local object 'build.<locals>.build_chunk'"; "Issue is fixed now"): the chunk builder moves to module level and receives the export options as arguments instead of closing over build()'s parameters.
"""Convert captured handshakes into hashcat lines, one process per chunk."""
import multiprocessing


class Capture:
    def __init__(self, packets):
        self.packets = packets

    def chunks(self, n):
        size = max(1, len(self.packets) // n)
        return [self.packets[i:i + size] for i in range(0, len(self.packets), size)]


def build_chunk(chunk, out, export, group_by):
    lines = ["%s:%s:%s" % (export, group_by, pkt) for pkt in chunk]
    out.put(lines)


def build(capture, export="hccapx", group_by="handshake", workers=2):
    results = multiprocessing.Queue()
    tasks = []
    for chunk in capture.chunks(workers):
        task = multiprocessing.Process(target=build_chunk,
                                       args=(chunk, results, export, group_by))
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
