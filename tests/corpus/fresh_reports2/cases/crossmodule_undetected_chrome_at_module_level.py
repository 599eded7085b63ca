# family: crossmodule
# hazard: missing-main-guard
# line: 13
# files: uckit/__init__.py uckit/dprocess.py uckit/driver.py
# timeout: 15
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: Shape of https://github.com/ultrafunkamsterdam/undetected-chromedriver/issues/1552 ("An attempt has been made to start a new process before the current process has finished its bootstrapping phase" when creating `uc.Chrome(...)` in a script): the driver's constructor launches the browser from a detached multiprocessing.Process (undetected_chromedriver.dprocess.start_detached), and the script builds the driver at module level, so the spawned helper re-runs the constructor while importing the script.
"""Open a page with a headless browser driver."""
from uckit.driver import Chrome, ChromeOptions

options = ChromeOptions()
options.add_argument("--headless")
driver = Chrome(options=options)
print("RESULT=%s" % driver.get("https://example.invalid/"))
driver.quit()
