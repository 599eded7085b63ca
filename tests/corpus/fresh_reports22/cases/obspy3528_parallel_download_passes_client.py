# family: args
# hazard: unpicklable-argument
# line: r25kit/fdsn.py:14 44
# files: r25kit/fdsn.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/obspy/obspy/issues/3528 -- "Client objects not pickle-able" (TypeError: cannot pickle 'SSLContext' object): EQcorrscan's parallel download handed the FDSN Client to worker processes; the client keeps a urllib opener whose HTTPS handler holds an SSL context (the reporter saw it from Python 3.12, where HTTPSHandler makes its context itself; here the client makes it, on every version)
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


def _download_chunk(client, job):
    st = client.get_waveforms(job.network, job.station, job.start, job.end)
    return st["id"], st["npts"]


class ParallelDownloader:
    def __init__(self, client, max_workers=2):
        self.client = client
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
            futures = [executor.submit(_download_chunk, self.client, job) for job in jobs]
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
