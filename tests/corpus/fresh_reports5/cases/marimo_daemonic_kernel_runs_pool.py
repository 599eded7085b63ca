# family: daemon
# hazard: daemon-children
# line: 18
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: marimo started its notebook kernel as a daemonic Process, so a cell that used multiprocessing failed with "daemonic processes are not allowed to have children" (https://github.com/marimo-team/marimo/pull/487)
import multiprocessing


def square(x):
    return x * x


class Cell:
    def __init__(self, source_values):
        self.values = list(source_values)

    def execute(self):
        with multiprocessing.Pool(2) as pool:
            return pool.map(square, self.values)


def launch_kernel(cells, result_queue):
    outputs = []
    for cell in cells:
        outputs.append(cell.execute())
    result_queue.put(outputs)


class KernelManager:
    def __init__(self, cells):
        self.cells = cells
        self.queue = multiprocessing.Queue()
        self.kernel = None

    def start_kernel(self):
        self.kernel = multiprocessing.Process(
            target=launch_kernel, args=(self.cells, self.queue), daemon=True
        )
        self.kernel.start()

    def close(self):
        self.kernel.join(10)
        return self.kernel.exitcode


if __name__ == "__main__":
    manager = KernelManager([Cell(range(4))])
    manager.start_kernel()
    print("RESULT=%s" % manager.close())
