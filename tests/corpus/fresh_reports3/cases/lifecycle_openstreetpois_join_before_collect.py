# family: lifecycle
# hazard: join-before-drain
# line: 25
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Shape of https://github.com/aaronlidman/openstreetPOIs/issues/1 ("On large files, multiprocessing runs into a problem with .join-ing the different processes"): the extractor starts one process per slice of the OSM file, each putting its points of interest on a shared queue, and joins every process before collecting the queue; with large slices the children cannot flush their queue and join() waits forever. Reduced: POIs are tuples, a slice has 20000 of them.
"""Extract points of interest from an OSM extract with one process per slice."""
import multiprocessing


def parse_slice(slice_id, n_nodes, out):
    pois = [(slice_id, node, "amenity=cafe") for node in range(n_nodes)]
    for poi in pois:
        out.put(poi)


def extract(n_slices=3, n_nodes=20000):
    out = multiprocessing.Queue()
    procs = []
    for s in range(n_slices):
        p = multiprocessing.Process(target=parse_slice, args=(s, n_nodes, out))
        p.start()
        procs.append(p)
    for p in procs:
        p.join()
    collected = []
    while not out.empty():
        collected.append(out.get())
    return collected


if __name__ == "__main__":
    print("RESULT=%d" % len(extract()))
