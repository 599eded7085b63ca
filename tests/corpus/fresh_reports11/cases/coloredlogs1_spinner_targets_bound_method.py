# family: callable
# hazard: unpicklable-target
# line: 16 r11kit/colored_logger.py:46 r11kit/colored_logger.py:47
# files: r11kit/colored_logger.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 10
# note: https://github.com/kopensource/colored_logs/issues/1 -- the demo's log.start_process('This is taking a while') starts a Process whose target is a method of the Logger, so on macOS with Python 3.8 (spawn) the whole logger, with its thread lock and stream, is pickled and start() fails
import time

from r11kit.colored_logger import Logger


def demo():
    log = Logger(id="demo")
    log.info("This is an info")
    log.start_process("This is taking a while")
    time.sleep(0.2)
    log.stop_process()
    log.info("done")


if __name__ == "__main__":
    demo()
