# family: dataclass
# hazard: unpicklable-argument
# line: 36 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/ska-sa/katdal/pull/339 ("One of them is an instance of the CPInfo namedtuple. This class is defined locally in the corrprod_index function, where pickle cannot find it"), with dataclasses: the loader builds its record class at run time with make_dataclass() from the CSV header, inside a function, so the class is not reachable as __main__.Row; Pool.map pickles the records under every start method and fails ("attribute lookup Row on types failed" on 3.11, "... on __main__ failed" from 3.12).
"""Compute line totals of an invoice CSV whose columns are only known at run time."""
import csv
import io
import multiprocessing
from dataclasses import make_dataclass

INVOICE = "sku,qty,unit_price\nMUG-RED,2,8.00\nSHIRT-M,1,20.00\nCAP-BLK,3,12.50\n"


def load_records(text):
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    Row = make_dataclass("Row", [(name, str) for name in header])
    return [Row(*values) for values in reader]


def line_total(record):
    return record.sku, round(int(record.qty) * float(record.unit_price), 2)


def read_invoice(path=None):
    if path is None:
        return INVOICE
    with open(path, newline="") as fh:
        return fh.read()


def main(processes=2):
    records = load_records(read_invoice())
    with multiprocessing.Pool(processes) as pool:
        totals = pool.map(line_total, records)
    grand = round(sum(t for _, t in totals), 2)
    print("RESULT=%s" % grand)
    return 0 if grand == 73.5 else 3


if __name__ == "__main__":
    raise SystemExit(main())
