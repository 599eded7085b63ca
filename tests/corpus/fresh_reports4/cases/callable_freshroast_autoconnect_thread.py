# family: callable
# hazard: unpicklable-callable
# line: 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/Roastero/freshroastsr700/issues/20 ("multiprocessing fails in windows - cannot pickle thread.lock": auto_connect() runs a thread that, once the roaster is found, starts the comm Process with a bound method, so the whole roaster instance, holding the running auto-connect Thread, is pickled under spawn).
import multiprocessing as mp
import sys
import threading
import time


class freshroastsr700(object):
    def __init__(self, thermostat=False):
        self._current_temp = mp.Value("i", 150)
        self._target_temp = mp.Value("i", 150)
        self._connected = mp.Value("i", 0)
        self._thermostat = thermostat
        self.auto_connect_thread = None
        self.comm_process = None
        self.started = False

    def auto_connect(self):
        self.auto_connect_thread = threading.Thread(target=self._auto_connect)
        self.auto_connect_thread.start()

    def _auto_connect(self):
        # in the library this loops over serial ports; the roaster is found at once here
        time.sleep(0.05)
        self._connected.value = 1
        self._start_comm()

    def _start_comm(self):
        self.comm_process = mp.Process(
            target=self._comm, args=(self._thermostat,)
        )
        self.comm_process.start()
        self.started = True

    def _comm(self, thermostat):
        step = 5 if thermostat else 25
        while self._current_temp.value < self._target_temp.value:
            self._current_temp.value += step


if __name__ == "__main__":
    roaster = freshroastsr700(thermostat=False)
    roaster._target_temp.value = 400
    roaster.auto_connect()
    roaster.auto_connect_thread.join()
    if not roaster.started:
        print("RESULT=not-started")
        sys.exit(3)
    roaster.comm_process.join()
    print("RESULT=%d" % roaster._current_temp.value)
