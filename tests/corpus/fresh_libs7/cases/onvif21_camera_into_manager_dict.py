# family: args
# hazard: unpicklable-argument
# line: 32 41
# files: l7kit/onvif_camera.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/quatanium/python-onvif/issues/21 -- a gateway keeps its registered cameras in a dict served by a BaseManager and calls `cur_device_lists.update({device_id: (client, ip, port, user_name, user_pwd)})` with the ONVIFCamera object itself; the proxy pickles every argument to send it to the manager's server process, and the camera's service clients cannot be pickled; this program is the register_device path of that gateway
import sys
from multiprocessing.managers import BaseManager, DictProxy

from l7kit.onvif_camera import ONVIFCamera

_device_lists = {}


def get_device_lists():
    return _device_lists


class DeviceStatusManager(BaseManager):
    pass


DeviceStatusManager.register("get_device_lists", callable=get_device_lists, proxytype=DictProxy)


class OnvifDeviceStatusClient:
    def __init__(self, manager):
        self._manager = manager

    def update_onvif_device(self, device_lists):
        cur_device_lists = self._manager.get_device_lists()
        cur_device_lists.update(device_lists)
        return len(cur_device_lists)


def register_device(status_client, device_id, ip, port, user_name, user_pwd):
    client = ONVIFCamera(ip, port, user_name, user_pwd)
    info = client.devicemgmt.GetDeviceInformation()
    if not info["ok"]:
        raise RuntimeError(f"device {device_id} did not answer")
    return status_client.update_onvif_device({device_id: (client, ip, port, user_name, user_pwd)})


def main():
    manager = DeviceStatusManager()
    manager.start()
    try:
        status_client = OnvifDeviceStatusClient(manager)
        count = register_device(status_client, "111", "172.16.1.190", 80, "admin", "12345")
        print("RESULT=", count)
    finally:
        manager.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
