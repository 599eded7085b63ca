# family: start_method
# hazard: set-start-method-misuse
# line: 58 opskit/ftpkit.py:13
# files: opskit/ftpkit.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# timeout: 20
# note: https://github.com/giampaolo/pyftpdlib/issues/648 -- the project calls set_start_method("spawn") at start-up, then builds a multiprocess FTP server whose constructor sets the start method again; the second call raises RuntimeError: context has already been set
"""Entry point of the file-drop service: runtime set-up, then a pre-forking FTP-style server."""
import argparse
import os
import sys
import tempfile

from opskit import runtime
from opskit.ftpkit import MultiprocessServer


class UploadHandler:
    """Handles one session: lists what the session uploaded under the root."""

    def __init__(self, root):
        self.root = root

    def handle(self, session_id):
        folder = os.path.join(self.root, f"session{session_id}")
        return session_id, sorted(os.listdir(folder))


class AuthorizerConfig:
    """Users allowed to log in and the permissions they get (read/list/write)."""

    def __init__(self):
        self.users = {"uploader": ("secret", "elradfmw"), "auditor": ("audit", "elr")}

    def has_perm(self, user, perm):
        return perm in self.users.get(user, ("", ""))[1]


def prepare_root():
    root = tempfile.mkdtemp(prefix="ftproot_")
    for sid in range(3):
        folder = os.path.join(root, f"session{sid}")
        os.makedirs(folder)
        for name in ("a.csv", "b.csv")[: sid + 1 if sid < 2 else 2]:
            open(os.path.join(folder, name), "w").close()
    return root


def main(argv):
    parser = argparse.ArgumentParser(prog="dropbox-ftpd")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    runtime.configure_runtime("spawn", args.log_level)
    authorizer = AuthorizerConfig()
    if not authorizer.has_perm("uploader", "w"):
        return 2
    server = MultiprocessServer(UploadHandler, prepare_root(), workers=args.workers)  # ANCHOR
    listing = server.serve_sessions([0, 1, 2])
    files = sum(len(names) for _, names in listing)
    print(f"RESULT={files}")
    return 0 if files == 5 else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
