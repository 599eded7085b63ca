# family: callable
# hazard: unpicklable-callable
# line: 15, 16
# files: l5kit/xmldocs.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/AllenCellModeling/aicsimageio/issues/71 -- "lxml objects can't be pickled / serialized and distributed to dask workers": the CZI reader keeps the parsed `_Element` metadata, so tasks on its bound methods cannot be shipped.
import dask

from l5kit.xmldocs import CziReader

RAW = b"<ome id='scene0'><plane/><plane/><plane/></ome>"


def read_planes(reader, count):
    tasks = [dask.delayed(reader.plane_name)(index) for index in range(count)]
    return dask.compute(*tasks, scheduler="processes", num_workers=2)


if __name__ == "__main__":
    reader = CziReader(RAW)
    names = read_planes(reader, 3)
    print("RESULT=%s" % ",".join(names))
