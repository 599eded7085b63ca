"""Process entry points of a small sensor station: a reader that produces samples
and an aggregator that consumes them, both started as Process(target=<class>)."""
import json
import math


class SensorReader:
    """Constructing the reader runs it: it puts `count` samples and a None marker."""

    def __init__(self, channel, sensor_id, count):
        for n in range(count):
            channel.put((sensor_id, n, round(20 + 5 * math.sin(n / 3), 3)))
        channel.put(None)


class Aggregator:
    """Consumes samples until every reader has sent its marker, then writes a summary."""

    def __init__(self, channel, readers, out_path):
        finished, total, count = 0, 0.0, 0
        while finished < readers:
            item = channel.get()
            if item is None:
                finished += 1
                continue
            total += item[2]
            count += 1
        with open(out_path, "w") as fh:
            json.dump({"count": count, "mean": round(total / count, 3)}, fh)
