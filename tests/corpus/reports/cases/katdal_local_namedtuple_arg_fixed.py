# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/ska-sa/katdal/pull/339 (the merged fix moves the CPInfo namedtuple definition to module level, so its instances pickle by reference). Same writer-process structure as the buggy case.
"""Convert visibility dumps to a measurement set in a background writer process."""
import multiprocessing
import sys
from collections import namedtuple


CPInfo = namedtuple("CPInfo", "ant1_index ant2_index ant1 ant2 cp_index")


def corrprod_index(corr_products, antennas):
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
