# family: callable
# hazard: unpicklable-callable
# line: 17
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/LeelaChessZero/lczero-training/issues/75 -- ChunkParser started its workers in a loop with target=self.task and kept them in self.processes; on Windows the second start pickled self together with the first, already started Process and failed with "can't pickle weakref objects"
import multiprocessing
import sys


class ChunkParser:
    def __init__(self, chunks, workers=2):
        self.chunks = list(chunks)
        self.readers = []
        self.processes = []
        for i in range(workers):
            reader, writer = multiprocessing.Pipe(duplex=False)
            p = multiprocessing.Process(target=self.task, args=(i, workers, writer))
            p.daemon = True
            p.start()
            self.processes.append(p)
            self.readers.append(reader)
            writer.close()

    def task(self, index, stride, writer):
        for chunk in self.chunks[index::stride]:
            writer.send(len(chunk))
        writer.send(None)

    def sizes(self):
        total = []
        for reader in self.readers:
            while True:
                item = reader.recv()
                if item is None:
                    break
                total.append(item)
        for p in self.processes:
            p.join()
        return total


def main():
    parser = ChunkParser(["a" * n for n in range(1, 9)])
    sizes = parser.sizes()
    print(f"RESULT={sum(sizes)}")
    sys.exit(0 if sum(sizes) == 36 else 3)


if __name__ == "__main__":
    main()
