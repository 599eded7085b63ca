# family: guard
# hazard: missing-main-guard
# line: 37
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: Shape of https://github.com/hassan-mahmood/TIES_DataGeneration/issues/13 ("RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase" on Windows): the generation script parses its options and starts one generator Process per thread at module level.
import argparse
import os
import tempfile
from multiprocessing import Process


class GenerateTFRecord:
    def __init__(self, outpath, filesize, visualizeimgs):
        self.outpath = outpath
        self.filesize = filesize
        self.visualizeimgs = visualizeimgs

    def write_to_tf(self, threadnum):
        path = os.path.join(self.outpath, "tables_%d.tfrecord" % threadnum)
        with open(path, "w") as f:
            for i in range(self.filesize):
                f.write("table %d of thread %d\n" % (i, threadnum))


parser = argparse.ArgumentParser()
parser.add_argument("--filesize", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--outpath", default=None)
parser.add_argument("--visualizeimgs", type=int, default=0)
args = parser.parse_args([])
outpath = args.outpath or tempfile.mkdtemp()

generator = GenerateTFRecord(outpath, args.filesize, args.visualizeimgs)
processes = []
for threadnum in range(args.threads):
    p = Process(target=generator.write_to_tf, args=(threadnum,))
    p.start()
    processes.append(p)
for p in processes:
    p.join()
print("RESULT=%d" % len(os.listdir(outpath)))
