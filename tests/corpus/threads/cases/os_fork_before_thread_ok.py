"""Near miss: fork first, then start threads (the pattern the warning asks for)."""
import os
import threading
import time


def tick():
    time.sleep(0.1)


pid = os.fork()
if pid == 0:
    os._exit(0)
threading.Thread(target=tick, daemon=True).start()
os.waitpid(pid, 0)
print("RESULT=forked")
