class ChecksumError(Exception):
    def __init__(self, path, expected):
        super().__init__(f"{path}: checksum mismatch (expected {expected})")
        self.path = path
        self.expected = expected


class ChecksumMismatch(Exception):
    def __init__(self, path, expected):
        super().__init__(path, expected)
        self.path = path
        self.expected = expected

    def __str__(self):
        return f"{self.path}: checksum mismatch (expected {self.expected})"
