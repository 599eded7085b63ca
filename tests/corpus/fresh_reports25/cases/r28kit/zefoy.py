"""Zefoy-automator-like bot: each round waits for the site's cooldown, which a timer process measures."""
import multiprocessing
import time


def _cooldown(seconds, done):
    time.sleep(seconds)
    done.put("ready")


class Zefoy:
    def __init__(self, service="views", cooldown=0.2):
        self.service = service
        self.cooldown = cooldown
        self.done = multiprocessing.Queue()
        self.sent = 0

    def start_cooldown(self):
        timer = multiprocessing.Process(target=_cooldown, args=(self.cooldown, self.done), daemon=True)
        timer.start()
        return timer

    def send(self, video_url):
        timer = self.start_cooldown()
        state = self.done.get(timeout=8)
        timer.join()
        if state == "ready":
            self.sent += 1
        return self.sent
