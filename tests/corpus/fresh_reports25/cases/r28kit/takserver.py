"""FreeTAKServer-like client reception: each connected client is described by a ClientInformation
record; the CoT service runs in its own process and learns about clients through a multiprocessing.Queue."""
import queue
import socket
import ssl
from dataclasses import dataclass


@dataclass
class ClientInformation:
    uid: str
    callsign: str
    ip: str
    socket: object = None  # the client's (TLS) connection


def accept_client(n, callsign, use_ssl=True):
    """What the reception handler builds for a new connection (the TLS socket is not connected here)."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    conn = raw
    if use_ssl:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        conn = ctx.wrap_socket(raw, server_hostname="fts.local", do_handshake_on_connect=False)
    return ClientInformation(uid=f"ANDROID-{n:04d}", callsign=callsign, ip=f"10.0.0.{n}", socket=conn)


def callsign_of(item):
    return item.callsign if isinstance(item, ClientInformation) else item["callsign"]


def cot_service(client_data_pipe, reply_pipe, expected):
    """The CoT service process: registers every client it is told about, then reports the roster."""
    roster = []
    for _ in range(expected):
        try:
            item = client_data_pipe.get(timeout=4)
        except queue.Empty:
            break
        roster.append(callsign_of(item))
    reply_pipe.put(sorted(roster))
