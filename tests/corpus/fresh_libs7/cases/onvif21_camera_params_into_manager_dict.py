# family: args
# hazard: none
# line: none
# files: l7kit/onvif_camera.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/quatanium/python-onvif/issues/21 -- the working variant: the manager's dict keeps only what is needed to reach a camera (ip, port, user, password), and the process that uses a device builds its own ONVIFCamera from them, so only plain values cross the proxy
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
    return status_client.update_onvif_device({device_id: (ip, port, user_name, user_pwd)})


def camera_for(status_client, device_id):
    ip, port, user_name, user_pwd = status_client._manager.get_device_lists()[device_id]
    return ONVIFCamera(ip, port, user_name, user_pwd)


def main():
    manager = DeviceStatusManager()
    manager.start()
    try:
        status_client = OnvifDeviceStatusClient(manager)
        count = register_device(status_client, "111", "172.16.1.190", 80, "admin", "12345")
        camera = camera_for(status_client, "111")
        print("RESULT=", count, camera.host)
    finally:
        manager.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
