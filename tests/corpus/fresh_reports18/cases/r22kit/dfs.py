"""A DAOS-like file-system namespace held in a dict (pydaos' _Dfs lists a container)."""
import errno


def make_namespace():
    return {
        "tree": {
            "/": ["/train", "/val", "/README"],
            "/train": ["/train/a.bin", "/train/b.bin", "/train/private"],
            "/train/private": ["/train/private/c.bin"],
            "/val": ["/val/d.bin"],
        },
        "denied": {"/train/private"},
    }


def is_dir(ns, path: str) -> bool:
    return path in ns["tree"]


def list_dir(ns, path: str):
    if path in ns["denied"]:
        raise PermissionError(errno.EACCES, "Permission denied", path)
    return list(ns["tree"][path])
