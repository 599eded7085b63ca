"""Snapshot catalog errors as etl had them before PR #6862: two constructor arguments, one message."""


class SnapshotError(Exception):
    """Base class of every snapshot failure."""


class PrivateSnapshotAccessError(SnapshotError):
    def __init__(self, uri, dataset):
        super().__init__(f"snapshot {uri} of {dataset} is private")
        self.uri = uri
        self.dataset = dataset


class SnapshotNotFoundException(SnapshotError):
    def __init__(self, uri, path):
        super().__init__(f"snapshot {uri} not found at {path}")
        self.uri = uri
        self.path = path
