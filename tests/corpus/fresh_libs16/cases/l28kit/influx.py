"""An influxdb-client-like client (the shape of influxdb_client 1.4: InfluxDBClient -> ApiClient -> RESTClientObject,
which owns a urllib3 PoolManager). There is no InfluxDB server here, so the REST layer hands each write body to a
local outbox folder instead of POSTing it; it still builds and keeps its urllib3 PoolManager."""
import os
import uuid

import urllib3

SYNCHRONOUS = "synchronous"


class RESTClientObject:
    def __init__(self, url, token, outbox):
        self.url = url
        self.token = token
        self.outbox = outbox
        self.pool_manager = urllib3.PoolManager(num_pools=4, maxsize=4, headers={"Authorization": f"Token {token}"})

    def request(self, method, path, body):
        with open(os.path.join(self.outbox, f"{uuid.uuid4().hex}.lp"), "w", encoding="utf-8") as f:
            f.write(body)
        return 204

    def close(self):
        self.pool_manager.clear()


class WriteApi:
    def __init__(self, rest, org, write_options=SYNCHRONOUS):
        self._rest = rest
        self._org = org
        self._write_options = write_options

    def write(self, bucket, record):
        lines = record if isinstance(record, list) else [record]
        return self._rest.request("POST", f"/api/v2/write?org={self._org}&bucket={bucket}", "\n".join(lines))

    def close(self):
        pass


class InfluxDBClient:
    def __init__(self, url, token, org, outbox, debug=False):
        self.url = url
        self.org = org
        self.debug = debug
        self.rest = RESTClientObject(url, token, outbox)

    def write_api(self, write_options=SYNCHRONOUS):
        return WriteApi(self.rest, self.org, write_options)

    def close(self):
        self.rest.close()


def outbox_lines(outbox):
    count = 0
    for name in os.listdir(outbox):
        with open(os.path.join(outbox, name), encoding="utf-8") as f:
            count += sum(1 for line in f if line.strip())
    return count
