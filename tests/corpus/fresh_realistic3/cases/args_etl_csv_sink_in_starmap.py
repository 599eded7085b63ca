# family: args
# hazard: unpicklable-argument
# line: 39
# files: etlkit/sinks.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/austinoboyle/scrape-linkedin-selenium/issues/76 (an object holding an unpicklable member handed to every parallel task); here an etlkit.sinks.CsvSink, which opens its file in __init__, goes into every starmap tuple of an ETL script
import csv
import io
import multiprocessing
import os
import sys
import tempfile

from etlkit.sinks import CsvSink

RAW = """id,amount,currency
1,10.50,EUR
2,7.25,USD
3,99.00,EUR
4,1.75,GBP
"""
RATES = {"EUR": 1.0, "USD": 0.9, "GBP": 1.15}


def convert(sink, row):
    amount = round(float(row["amount"]) * RATES[row["currency"]], 2)
    sink.write((row["id"], amount))
    return amount


def extract(text):
    return list(csv.DictReader(io.StringIO(text)))


def load(rows, out_path, workers=2):
    sink = CsvSink(out_path)
    tasks = [(sink, row) for row in rows]
    with multiprocessing.Pool(workers) as pool:
        return pool.starmap(convert, tasks)


def main():
    out_path = os.path.join(tempfile.gettempdir(), "converted.csv")
    amounts = load(extract(RAW), out_path)
    print("RESULT=%d rows" % len(amounts))
    if len(amounts) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main()
