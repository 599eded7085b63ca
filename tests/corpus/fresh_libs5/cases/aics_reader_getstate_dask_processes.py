# family: callable
# hazard: none
# line: none
# files: l5kit/xmldocs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/AllenCellModeling/aicsimageio/issues/71 -- the fix direction from the thread: keep the raw metadata bytes and re-parse after unpickling, so the reader's bound methods can go to dask's process workers.
import dask

from l5kit.xmldocs import PicklableCziReader

RAW = b"<ome id='scene0'><plane/><plane/><plane/></ome>"


def read_planes(reader, count):
    tasks = [dask.delayed(reader.plane_name)(index) for index in range(count)]
    return dask.compute(*tasks, scheduler="processes", num_workers=2)


if __name__ == "__main__":
    reader = PicklableCziReader(RAW)
    names = read_planes(reader, 3)
    print("RESULT=%s" % ",".join(names))
