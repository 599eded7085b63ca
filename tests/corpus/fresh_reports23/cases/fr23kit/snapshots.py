"""Snapshot catalog errors after etl PR #6862: __reduce__ returns both constructor arguments."""


class SnapshotError(Exception):
    """Base class of every snapshot failure."""


class PrivateSnapshotAccessError(SnapshotError):
    def __init__(self, uri, dataset):
        super().__init__(f"snapshot {uri} of {dataset} is private")
        self.uri = uri
        self.dataset = dataset

    def __reduce__(self):
        return (type(self), (self.uri, self.dataset))


class SnapshotNotFoundException(SnapshotError):
    def __init__(self, uri, path):
        super().__init__(f"snapshot {uri} not found at {path}")
        self.uri = uri
        self.path = path

    def __reduce__(self):
        return (type(self), (self.uri, self.path))
