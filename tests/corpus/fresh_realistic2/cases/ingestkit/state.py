"""Process-wide state: the settings of the current run, set once by configure()."""
SETTINGS = None


def configure(settings):
    global SETTINGS
    SETTINGS = settings


def current():
    return SETTINGS
