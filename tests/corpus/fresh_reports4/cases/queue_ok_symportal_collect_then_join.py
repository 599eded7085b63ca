# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/reefgenomics/SymPortal_framework/issues/81: the parent first takes one result per sample off the output queue and joins the workers afterwards, so their queue feeders can flush.
import sys
from multiprocessing import Process, Queue


def worker_taxonomy_write(input_q, output_q):
    for sample_name in iter(input_q.get, "STOP"):
        seq_dict = {"%s_seq_%d" % (sample_name, i): "ACGT" * 50 + str(i) for i in range(600)}
        output_q.put((sample_name, seq_dict))


class SequenceCollection:
    def __init__(self, samples, num_proc=2):
        self.samples = samples
        self.num_proc = num_proc

    def execute(self):
        input_q = Queue()
        output_q = Queue()
        for sample in self.samples:
            input_q.put(sample)
        for _ in range(self.num_proc):
            input_q.put("STOP")
        all_processes = []
        for _ in range(self.num_proc):
            p = Process(target=worker_taxonomy_write, args=(input_q, output_q))
            all_processes.append(p)
            p.start()
        collected = {}
        for _ in self.samples:
            name, seqs = output_q.get()
            collected[name] = len(seqs)
        for p in all_processes:
            p.join()
        return collected


if __name__ == "__main__":
    result = SequenceCollection(["sample_%d" % i for i in range(4)]).execute()
    print("RESULT=%d" % len(result))
    sys.exit(0 if len(result) == 4 else 3)
