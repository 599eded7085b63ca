# family: guard
# hazard: none
# line: none
# files: r28kit/zefoy.py
# timeout: 25
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/useragents/Zefoy-TikTok-Automator/pull/51 -- the PR's fix: "Wrapping in some __name__ boilerplate fixes the problem"; the bot's rounds run under the main guard, so a spawned timer process re-imports the script without starting anything
"""Send views to a video, one round per cooldown of the site."""
import sys

from r28kit.zefoy import Zefoy

VIDEO = "https://www.tiktok.com/@someone/video/7170000000000000000"
ROUNDS = 3


def banner(service):
    print(f"[zefoy] service={service} video={VIDEO}")


def main():
    bot = Zefoy(service="views", cooldown=0.2)
    banner(bot.service)
    for _round in range(ROUNDS):
        bot.send(VIDEO)
    print(f"RESULT=sent={bot.sent}")
    return 0 if bot.sent == ROUNDS else 3


if __name__ == "__main__":
    sys.exit(main())
