"""Connectivity checks done when a worker process starts."""
import socket


class ServiceUnavailable(RuntimeError):
    pass


def check_database(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError as exc:
        raise ServiceUnavailable(f"database {host}:{port} unreachable: {exc}") from None
