# family: args
# hazard: none
# line: none
# files: etlkit/sinks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/austinoboyle/scrape-linkedin-selenium/issues/76 (near miss: the task carries an etlkit.sinks.LazySink, which opens its file on first write and drops the handle in __getstate__)
import csv
import io
import multiprocessing
import os
import sys
import tempfile

from etlkit.sinks import LazySink

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
    sink = LazySink(out_path)
    sink.write(("id", "amount_eur"))
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
