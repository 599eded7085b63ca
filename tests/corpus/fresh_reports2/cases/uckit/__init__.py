"""A reduced browser driver in the shape of undetected-chromedriver: the browser is launched from a detached helper process."""
