"""Process-wide settings for report jobs, set once by the command-line entry point."""
import os

OUTPUT_DIR = None
CURRENCY = "EUR"


def configure(output_dir, currency=None):
    """Remember where reports go (and in which currency) for every later call."""
    global OUTPUT_DIR, CURRENCY
    OUTPUT_DIR = output_dir
    if currency:
        CURRENCY = currency


def output_path(name):
    if OUTPUT_DIR is None:
        return None
    return os.path.join(OUTPUT_DIR, name)
