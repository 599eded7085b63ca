"""Start the browser binary from a helper process so that it outlives the driver."""
import multiprocessing
import os


def _start_detached(executable, args, writer):
    writer.send(("started", executable, len(args), os.getpid()))
    writer.close()


def start_detached(executable, *args):
    reader, writer = multiprocessing.Pipe(False)
    process = multiprocessing.Process(target=_start_detached, args=(executable, args, writer), daemon=True)
    process.start()
    writer.close()
    return reader.recv()
