"""Flow aggregation shared by both NFStreamer variants (nfstream-like)."""
from dataclasses import dataclass


@dataclass
class FlowRecord:
    src: str
    dst: str
    packets: int = 0
    bytes: int = 0


def synthetic_packets(n=12):
    hosts = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
    return [(hosts[i % 3], hosts[(i + 1) % 3], 60 + i) for i in range(n)]


def meter(packets):
    flows = {}
    for src, dst, size in packets:
        rec = flows.setdefault((src, dst), FlowRecord(src, dst))
        rec.packets += 1
        rec.bytes += size
    return sorted(flows.values(), key=lambda r: (r.src, r.dst))


def meter_into(packets, out_queue):
    for rec in meter(packets):
        out_queue.put((rec.src, rec.dst, rec.packets, rec.bytes))
    out_queue.put(None)
