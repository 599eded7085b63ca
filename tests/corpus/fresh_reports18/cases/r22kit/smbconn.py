"""A small SMB-like client: shares of in-memory files, and a connection whose
protocol state keeps per-dialect handlers (impacket's SMB3 object keeps lambdas)."""
from __future__ import annotations

import pathlib


def _sign_smb2(data: bytes) -> bytes:
    return data[:4]


class SMBConnection:
    def __init__(self, server: str, dialect: str = "SMB3"):
        self.server = server
        self.dialect = dialect
        # per-dialect packet handlers, built when the session is negotiated
        self._handlers = {
            "SMB2": _sign_smb2,
            "SMB3": lambda data: data[:8],
        }
        self.logged_in = False

    def login(self, user: str, password: str) -> bool:
        self.logged_in = bool(user)
        return self.logged_in


class RemoteFile:
    def __init__(self, share: str, name: str, data: str, tmp_dir: pathlib.Path):
        self.share = share
        self.name = name
        self.size = len(data)
        self.tmp_filename = tmp_dir / f"{share}_{name}"
        self._data = data

    def fetch(self) -> None:
        self.tmp_filename.write_text(self._data)

    def __str__(self) -> str:
        return f"\\\\{self.share}\\{self.name}"


class SMBClient:
    def __init__(self, server: str, username: str, password: str, tmp_dir: pathlib.Path):
        self.server = server
        self.username = username
        self.password = password
        self.tmp_dir = tmp_dir
        self.conn = None
        self._tree = {
            "IT": {"passwords.txt": "admin password=hunter2", "readme.txt": "nothing here"},
            "HR": {"payroll.csv": "name,salary", "notes.txt": "password: Summer2024!"},
        }

    def login(self) -> bool:
        self.conn = SMBConnection(self.server)
        return self.conn.login(self.username, self.password)

    @property
    def shares(self):
        return sorted(self._tree)

    def ls(self, share: str):
        for name, data in sorted(self._tree[share].items()):
            yield RemoteFile(share, name, data, self.tmp_dir)
