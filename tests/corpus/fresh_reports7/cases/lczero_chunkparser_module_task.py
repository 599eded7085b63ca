# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/LeelaChessZero/lczero-training/issues/75 -- the working shape: the worker is a module-level function that gets its slice of chunks and its pipe end, so the parser object (and the processes it holds) never crosses
import multiprocessing
import sys


def chunk_task(chunks, writer):
    for chunk in chunks:
        writer.send(len(chunk))
    writer.send(None)


class ChunkParser:
    def __init__(self, chunks, workers=2):
        self.chunks = list(chunks)
        self.readers = []
        self.processes = []
        for i in range(workers):
            reader, writer = multiprocessing.Pipe(duplex=False)
            p = multiprocessing.Process(target=chunk_task, args=(self.chunks[i::workers], writer))
            p.daemon = True
            p.start()
            self.processes.append(p)
            self.readers.append(reader)
            writer.close()

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
