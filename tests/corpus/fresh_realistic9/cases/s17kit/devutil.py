"""Device helpers, in the shape of a firmware flasher's utility module."""
import signal


def worker_init():
    # workers ignore Ctrl-C; the parent decides what to abort
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def fake_flash(device):
    board, fw = device
    return f"{board}: flashed {fw} ({sum(map(ord, fw)) % 251} blocks)"
