# family: callable
# hazard: none
# line: none
# files: r11kit/colored_logger.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kopensource/colored_logs/issues/1 -- the working variant: the spinner process gets a module-level function and only the message, the interval and an Event, so nothing of the Logger (its lock, its stream) has to be pickled
import time

from r11kit.colored_logger import Logger


def demo():
    log = Logger(id="demo")
    log.info("This is an info")
    log.start_spinner("This is taking a while")
    time.sleep(0.2)
    log.stop_process()
    log.info("done")


if __name__ == "__main__":
    demo()
