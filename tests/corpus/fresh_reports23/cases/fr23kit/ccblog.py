"""context_chat_backend-like logging: one file handler on the 'ccb' logger, set up by the main module."""
import logging
import logging.handlers


def setup_logging(path):
    logger = logging.getLogger("ccb")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(process)d %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return handler


def install_queue_handler(log_queue):
    """In a child: send the 'ccb' records to the parent's listener instead of any inherited handler."""
    logger = logging.getLogger("ccb")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for old in list(logger.handlers):
        logger.removeHandler(old)
    logger.addHandler(logging.handlers.QueueHandler(log_queue))


def count_records(path, marker):
    with open(path, encoding="utf-8") as fh:
        return sum(1 for line in fh if marker in line)
