"""os.fork() in __main__ while a daemon thread runs: 3.12+ shows the DeprecationWarning by default here."""
import os
import threading
import time


def tick():
    time.sleep(1.0)


threading.Thread(target=tick, daemon=True).start()
pid = os.fork()  # MP423
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print("RESULT=forked")
