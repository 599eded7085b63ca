# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/hassan-mahmood/TIES_DataGeneration/issues/13: the fix from the thread, the option parsing and the generator processes move under if __name__ == "__main__":, so spawned children only import the class.
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


if __name__ == "__main__":
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
