# family: args
# hazard: unpicklable-argument
# line: 35
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Reduced from https://github.com/ska-sa/katdal/pull/339 ("Fix mvftoms on macOS and Python 3.8+": one of the arguments to Process.__init__ is an instance of the CPInfo namedtuple, defined locally inside corrprod_index(), which pickle cannot find under spawn; fixed by moving CPInfo to module level). Kept: corrprod_index building the local namedtuple from correlation products, the writer Process receiving it with a work queue, the main loop feeding dumps; the MS writer counts rows instead of writing casacore tables.
"""Convert visibility dumps to a measurement set in a background writer process."""
import multiprocessing
import sys
from collections import namedtuple


def corrprod_index(corr_products, antennas):
    CPInfo = namedtuple("CPInfo", "ant1_index ant2_index ant1 ant2 cp_index")
    infos = []
    for cp_index, (a, b) in enumerate(corr_products):
        infos.append(CPInfo(antennas.index(a), antennas.index(b), a, b, cp_index))
    return infos


def ms_writer_process(work_queue, result_queue, cp_info):
    rows = 0
    while True:
        dump = work_queue.get()
        if dump is None:
            break
        rows += len(cp_info) * len(dump)
    result_queue.put(rows)


def main():
    antennas = ["m000", "m001", "m002"]
    corr_products = [("m000", "m001"), ("m000", "m002"), ("m001", "m002")]
    cp_info = corrprod_index(corr_products, antennas)
    work_queue, result_queue = multiprocessing.Queue(), multiprocessing.Queue()
    writer = multiprocessing.Process(target=ms_writer_process,
                                     args=(work_queue, result_queue, cp_info))
    writer.start()
    for dump in range(4):
        work_queue.put([dump] * 2)
    work_queue.put(None)
    rows = result_queue.get(timeout=10)
    writer.join()
    print("RESULT=%d" % rows)
    return 0 if rows == 24 else 3


if __name__ == "__main__":
    sys.exit(main())
