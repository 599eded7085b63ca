# family: poolctx
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/hatchet/hatchet/pull/67 (review: "map is synchronous and the Pool is already done", so terminate() goes in a finally clause): the pool is terminated only after the synchronous map has returned every result.
import sys
import multiprocessing as mp

shared_array = None


def init_shared_array(buf):
    global shared_array
    shared_array = buf


def read_metricdb_file(args):
    filename, num_nodes, num_metrics = args
    with shared_array.get_lock():
        shared_array[num_nodes % len(shared_array)] += num_metrics
    return len(filename) * num_nodes


class HPCToolkitReader:
    def __init__(self, metricdb_files, num_nodes=4, num_metrics=2):
        self.metricdb_files = metricdb_files
        self.num_nodes = num_nodes
        self.num_metrics = num_metrics

    def read_all_metricdb_files(self):
        shared_buffer = mp.Array("d", 8)
        pool = mp.Pool(2, initializer=init_shared_array, initargs=(shared_buffer,))
        try:
            args = [(f, self.num_nodes, self.num_metrics) for f in self.metricdb_files]
            sizes = pool.map(read_metricdb_file, args)
        finally:
            pool.terminate()
        return sum(sizes), sum(shared_buffer[:])


if __name__ == "__main__":
    total, metrics = HPCToolkitReader(["a.metric-db", "bb.metric-db", "ccc.metric-db"]).read_all_metricdb_files()
    print("RESULT=%d,%d" % (total, metrics))
    sys.exit(0 if metrics == 6 else 3)
