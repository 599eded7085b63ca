# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/omnilib/aiomultiprocess/issues/186 -- the comment's shape: each worker builds its own event loop and aiohttp.ClientSession in the pool initializer (init_session) and keeps it in a module global; only URLs travel
import asyncio
import sys
from concurrent.futures import ProcessPoolExecutor

import aiohttp

session = None
loop = None


def init_session(user_agent):
    global session, loop
    loop = asyncio.new_event_loop()

    async def make():
        return aiohttp.ClientSession(headers={"User-Agent": user_agent})

    session = loop.run_until_complete(make())


def parse_page(url):
    return f"{url}:{session.headers['User-Agent']}"


def main():
    urls = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    with ProcessPoolExecutor(max_workers=2, initializer=init_session, initargs=("crawler/1.0",)) as pool:
        results = list(pool.map(parse_page, urls))
    print("RESULT=" + ",".join(results))


if __name__ == "__main__":
    sys.exit(main())
