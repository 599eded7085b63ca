"""A camera client in the shape of python-onvif's ONVIFCamera (onvif/client.py).

The real client keeps SOAP service clients whose transports hold locks and sessions; this one
keeps a transport with a lock so that it behaves the same way when pickled."""
import threading


class _Transport:
    def __init__(self, timeout):
        self.timeout = timeout
        self._lock = threading.Lock()
        self.sent = 0

    def send(self, action):
        with self._lock:
            self.sent += 1
            return {"action": action, "ok": True}


class ONVIFService:
    def __init__(self, xaddr, user, passwd, transport):
        self.xaddr = xaddr
        self.user = user
        self.passwd = passwd
        self.transport = transport

    def GetDeviceInformation(self):
        return self.transport.send("GetDeviceInformation")


class ONVIFCamera:
    def __init__(self, host, port, user, passwd, timeout=5):
        self.host = host
        self.port = port
        self.user = user
        self.passwd = passwd
        self.transport = _Transport(timeout)
        self.devicemgmt = ONVIFService(f"http://{host}:{port}/onvif/device_service", user, passwd,
                                       self.transport)
