"""python-cluster-like hierarchical clustering whose item-item matrix may be computed by worker processes."""
from multiprocessing import Process, Queue


class Matrix:
    def __init__(self, data, combinfunc, symmetric=False, diagonal=None):
        self.data = data
        self.combinfunc = combinfunc
        self.symmetric = symmetric
        self.diagonal = diagonal

    def worker(self):
        """Task function run by the worker processes."""
        for task in iter(self.task_queue.get, "STOP"):
            col_index, item, item2 = task
            self.done_queue.put((col_index, self.combinfunc(item, item2)))

    def genmatrix(self, num_processes=1):
        use_multiprocessing = num_processes > 1
        if use_multiprocessing:
            self.task_queue = Queue()
            self.done_queue = Queue()
            processes = [Process(target=self.worker) for _ in range(num_processes)]
            [process.start() for process in processes]
        self.matrix = []
        for row_index, item in enumerate(self.data):
            row, queued = {}, 0
            for col_index, item2 in enumerate(self.data):
                if self.diagonal is not None and col_index == row_index:
                    row[col_index] = self.diagonal
                elif use_multiprocessing:
                    self.task_queue.put((col_index, item, item2))
                    queued += 1
                else:
                    row[col_index] = self.combinfunc(item, item2)
            for _ in range(queued):
                col_index, result = self.done_queue.get()
                row[col_index] = result
            self.matrix.append([row[i] for i in range(len(self.data))])
        if use_multiprocessing:
            [self.task_queue.put("STOP") for _ in range(num_processes)]
            [process.join() for process in processes]
        return self.matrix


class HierarchicalClustering:
    """Single-linkage agglomerative clustering over a precomputed distance matrix."""

    def __init__(self, data, distance_function, num_processes=1):
        self.data = list(data)
        self.distance = distance_function
        self.num_processes = num_processes

    def getlevel(self, threshold):
        matrix = Matrix(self.data, self.distance, diagonal=0).genmatrix(self.num_processes)
        clusters = [[i] for i in range(len(self.data))]
        while len(clusters) > 1:
            best = None
            for a in range(len(clusters)):
                for b in range(a + 1, len(clusters)):
                    d = min(matrix[i][j] for i in clusters[a] for j in clusters[b])
                    if best is None or d < best[0]:
                        best = (d, a, b)
            if best[0] > threshold:
                break
            _, a, b = best
            clusters[a] = clusters[a] + clusters.pop(b)
        return [[self.data[i] for i in cluster] for cluster in clusters]
