"""A SageMaker-like Feature Store ingestion manager (the shape of sagemaker's IngestionManagerPandas): rows are split
over processes, each process puts its rows with a thread pool through its own featurestore-runtime client."""
import math
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import Pool

import boto3


class IngestionError(Exception):
    def __init__(self, failed_rows, message):
        super().__init__(failed_rows, message)
        self.failed_rows = failed_rows
        self.message = message


@dataclass
class IngestionManagerPandas:
    feature_group_name: str
    feature_definitions: dict
    sagemaker_fs_runtime_client_config: dict
    max_workers: int = 1
    max_processes: int = 1
    _async_result: object = field(default=None, repr=False)
    _processing_pool: object = field(default=None, repr=False)

    @staticmethod
    def _ingest_row(data_frame, row, feature_definitions, client):
        record = {name: data_frame[name].iloc[row] for name in feature_definitions}
        if any(value is None or value != value for value in record.values()):   # NaN != NaN
            return row
        client.meta.region_name   # the real manager calls client.put_record(FeatureGroupName=..., Record=...)
        return None

    @staticmethod
    def _run_multi_threaded(max_workers, feature_group_name, feature_definitions, client_config, data_frame,
                            start_index=0, end_index=0):
        client = boto3.client("sagemaker-featurestore-runtime", **client_config)
        with ThreadPoolExecutor(max_workers=max_workers) as executor:
            failed = executor.map(lambda row: IngestionManagerPandas._ingest_row(
                data_frame, row, feature_definitions, client), range(start_index, end_index))
            return [row for row in failed if row is not None]

    def _run_single_process(self, data_frame):
        return self._run_multi_threaded(self.max_workers, self.feature_group_name, self.feature_definitions,
                                        self.sagemaker_fs_runtime_client_config, data_frame, 0, len(data_frame))

    def _run_multi_process(self, data_frame, wait=True):
        batch_size = math.ceil(data_frame.shape[0] / self.max_processes)
        args = []
        for i in range(self.max_processes):
            start_index = min(i * batch_size, data_frame.shape[0])
            end_index = min(i * batch_size + batch_size, data_frame.shape[0])
            args.append((self.max_workers, self.feature_group_name, self.feature_definitions,
                         self.sagemaker_fs_runtime_client_config, data_frame, start_index, end_index))

        def init_worker():
            # ignore keyboard interrupts in child processes.
            signal.signal(signal.SIGINT, signal.SIG_IGN)

        self._processing_pool = Pool(self.max_processes, initializer=init_worker)
        self._async_result = self._processing_pool.starmap_async(IngestionManagerPandas._run_multi_threaded, args)
        if wait:
            return self.wait()
        return None

    def wait(self, timeout=None):
        failed = [row for rows in self._async_result.get(timeout) for row in rows]
        self._processing_pool.close()
        self._processing_pool.join()
        return failed

    def run(self, data_frame, wait=True):
        if self.max_processes == 1:
            failed = self._run_single_process(data_frame)
        else:
            failed = self._run_multi_process(data_frame, wait=wait)
        if failed:
            raise IngestionError(failed, f"Failed to ingest some data into FeatureGroup {self.feature_group_name}")
        return len(data_frame)


class FeatureGroup:
    def __init__(self, name, region_name):
        self.name = name
        self.region_name = region_name
        self.feature_definitions = {}

    def load_feature_definitions(self, data_frame):
        self.feature_definitions = {name: str(dtype) for name, dtype in data_frame.dtypes.items()}
        return self.feature_definitions

    def ingest(self, data_frame, max_workers=1, max_processes=1, wait=True):
        manager = IngestionManagerPandas(
            feature_group_name=self.name, feature_definitions=self.feature_definitions,
            sagemaker_fs_runtime_client_config={"region_name": self.region_name, "aws_access_key_id": "testing",
                                                "aws_secret_access_key": "testing"},
            max_workers=max_workers, max_processes=max_processes)
        return manager.run(data_frame, wait=wait)
