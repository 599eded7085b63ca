# family: guard
# hazard: missing-main-guard
# line: 24 r28kit/zefoy.py:20
# files: r28kit/zefoy.py
# timeout: 25
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/useragents/Zefoy-TikTok-Automator/pull/51 -- "Fix RuntimeError": the script runs its bot at module level, and each round starts the cooldown timer process; under spawn (macOS, Python 3.10 in the PR) the child re-imports the script, reaches the same code and fails with "RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase", the parent then waits in vain for the timer
"""Send views to a video, one round per cooldown of the site."""
import sys

from r28kit.zefoy import Zefoy

VIDEO = "https://www.tiktok.com/@someone/video/7170000000000000000"
ROUNDS = 3


def banner(service):
    print(f"[zefoy] service={service} video={VIDEO}")


bot = Zefoy(service="views", cooldown=0.2)
banner(bot.service)
for _round in range(ROUNDS):
    bot.send(VIDEO)
print(f"RESULT=sent={bot.sent}")
sys.exit(0 if bot.sent == ROUNDS else 3)
