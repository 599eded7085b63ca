# family: args
# hazard: unpicklable-argument
# line: 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/omnilib/aiomultiprocess/issues/186 -- an async crawler opens one aiohttp.ClientSession and hands it with each URL to process workers through loop.run_in_executor; the session cannot be pickled
import asyncio
import sys
from concurrent.futures import ProcessPoolExecutor

import aiohttp


def parse_page(session, url):
    return f"{url}:{session.closed}"


async def crawl(urls):
    loop = asyncio.get_running_loop()
    async with aiohttp.ClientSession(headers={"User-Agent": "crawler/1.0"}) as session:
        with ProcessPoolExecutor(max_workers=2) as pool:
            jobs = [loop.run_in_executor(pool, parse_page, session, url) for url in urls]
            return await asyncio.gather(*jobs)


def main():
    results = asyncio.run(crawl(["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]))
    print("RESULT=" + ",".join(results))


if __name__ == "__main__":
    sys.exit(main())
