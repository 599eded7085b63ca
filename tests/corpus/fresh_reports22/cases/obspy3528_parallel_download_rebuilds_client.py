# family: args
# hazard: none
# line: none
# files: r25kit/fdsn.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/obspy/obspy/issues/3528 -- the work-round the EQcorrscan author gives in the thread ("just start a new Client in any process"): the downloader sends the client's base URL and timeout, and each worker builds its own FDSN client
"""Download day-long waveform chunks for a station list in parallel (EQcorrscan-like)."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from r25kit.fdsn import Client, chunk_days


@dataclass
class DownloadJob:
    network: str
    station: str
    start: int
    end: int


@dataclass(frozen=True)
class ClientSpec:
    base_url: str
    timeout: int = 120

    @classmethod
    def of(cls, client):
        return cls(client.base_url, client.timeout)

    def build(self):
        return Client(self.base_url, timeout=self.timeout)


def _download_chunk(spec, job):
    client = spec.build()
    st = client.get_waveforms(job.network, job.station, job.start, job.end)
    return st["id"], st["npts"]


class ParallelDownloader:
    def __init__(self, client, max_workers=2):
        self.spec = ClientSpec.of(client)
        self.max_workers = max_workers

    def jobs(self, stations, start, end, step):
        return [
            DownloadJob(net, sta, t0, t1)
            for net, sta in stations
            for t0, t1 in chunk_days(start, end, step)
        ]

    def run(self, jobs):
        totals = {}
        with ProcessPoolExecutor(max_workers=self.max_workers) as executor:
            futures = [executor.submit(_download_chunk, self.spec, job) for job in jobs]
            for fut in futures:
                sid, npts = fut.result()
                totals[sid] = totals.get(sid, 0) + npts
        return totals


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args(argv)
    client = Client("GEOFON", timeout=30)
    downloader = ParallelDownloader(client, max_workers=args.cores)
    totals = downloader.run(downloader.jobs([("NZ", "WIZ"), ("NZ", "WSRZ")], 0, 300, 100))
    value = sum(totals.values())
    print(f"RESULT={value}")
    return 0 if value == 60000 else 3


if __name__ == "__main__":
    sys.exit(main())
