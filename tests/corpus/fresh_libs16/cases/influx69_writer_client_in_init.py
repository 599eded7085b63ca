# family: args
# hazard: library-client-on-process-subclass
# line: 70 28
# files: l28kit/__init__.py l28kit/influx.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: https://github.com/influxdata/influxdb-client-python/issues/69 -- "Multiprocessing: Serialization with Pickle": the import example's InfluxDBWriter is a multiprocessing.Process subclass that creates its InfluxDBClient and write API in __init__; writer.start() under spawn (macOS) or forkserver pickles the Process object with the client, whose REST layer keeps a urllib3 PoolManager (the thread: "Can't pickle local object 'PoolManager.__init__.<locals>.<lambda>'"; urllib3 2.x: cannot pickle '_thread.RLock' object), while fork never pickles it
"""Import a vehicle-telemetry CSV into InfluxDB: the parent parses rows, a writer process sends them in batches."""
import argparse
import csv
import io
import multiprocessing
import shutil
import tempfile
from datetime import datetime, timedelta

from l28kit.influx import SYNCHRONOUS, InfluxDBClient, outbox_lines

BATCH = 5


class InfluxDBWriter(multiprocessing.Process):
    """Writer that writes data in batches with 5 items."""

    def __init__(self, queue, outbox):
        multiprocessing.Process.__init__(self)
        self.queue = queue
        self.client = InfluxDBClient(url="http://localhost:8086", token="my-token", org="my-org", outbox=outbox)
        self.write_api = self.client.write_api(write_options=SYNCHRONOUS)

    def run(self):
        while True:
            next_task = self.queue.get()
            if next_task is None:
                self.write_api.close()
                self.client.close()
                break
            self.write_api.write(bucket="my-bucket", record=next_task)


def parse_row(row):
    return (f"taxi-trip-data,dispatching_base_num={row['base']},vendor={row['vendor']} "
            f"trip_distance={float(row['distance'])} {int(row['pickup'].timestamp() * 1e9)}")


def sample_csv(rows=20):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["base", "vendor", "distance", "pickup"])
    start = datetime(2026, 1, 1)
    for i in range(rows):
        writer.writerow([f"B0{i % 3}", f"V{i % 2}", round(1.5 + i * 0.3, 2), (start + timedelta(minutes=i)).isoformat()])
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20)
    args = parser.parse_args()
    outbox = tempfile.mkdtemp(prefix="influx-outbox-")
    try:
        run_import(outbox, args.rows)
    finally:
        shutil.rmtree(outbox, ignore_errors=True)


def run_import(outbox, rows):
    queue_ = multiprocessing.Manager().Queue()
    writer = InfluxDBWriter(queue_, outbox)
    writer.start()
    batch = []
    for row in csv.DictReader(io.StringIO(sample_csv(rows))):
        row["pickup"] = datetime.fromisoformat(row["pickup"])
        batch.append(parse_row(row))
        if len(batch) == BATCH:
            queue_.put(batch)
            batch = []
    if batch:
        queue_.put(batch)
    queue_.put(None)
    writer.join()
    print(f"RESULT={outbox_lines(outbox)}")


if __name__ == "__main__":
    main()
