"""The defaults a settings object holds as values (semantic/settings_defaults.py): a dataclass field's
constant default, a constant a settings class binds (pydantic's BaseSettings, a plain `class Config`), read
through an instance made without arguments or through the class. They decide `uvicorn.run(app,
workers=..., reload=...)` (MP420; tests/corpus/libraries runs uvicorn_settings_dataclass_workers and
uvicorn_config_class_single_worker_ok under fork, spawn and forkserver) and any other rule that reads a
constant (`Pool(processes=...)`, `get_context(...)`)."""
import pytest

from helpers import codes, methods, rows

DATACLASS = """
from dataclasses import dataclass, field
import uvicorn

async def app(scope, receive, send):
    pass

@dataclass
class Settings:
    host: str = "127.0.0.1"
    {fields}

settings = Settings({given})
{after}
if __name__ == "__main__":
    uvicorn.run(app, host=settings.host, {keyword})
"""


def _dataclass(fields, keyword, given="", after=""):
    return DATACLASS.replace("{fields}", fields).replace("{keyword}", keyword).replace("{given}", given) \
        .replace("{after}", after)


@pytest.mark.parametrize("fields, keyword", [
    ("workers: int = 4", "workers=settings.workers"),
    ("workers: int = field(default=2)", "workers=settings.workers"),
    ("reload: bool = True", "reload=settings.reload"),
])
def test_a_dataclass_default_reaches_the_server(fields, keyword):
    assert rows(_dataclass(fields, keyword), "MP420") == [16]


@pytest.mark.parametrize("fields, keyword, given, after", [
    ("workers: int = 1", "workers=settings.workers", "", ""),
    ("reload: bool = False", "reload=settings.reload", "", ""),
    ("workers: int = 4", "workers=settings.workers", "workers=1", ""),  # given to the constructor
    ("workers: int = 4", "workers=settings.workers", "1", ""),  # positionally (the field after host)
    ("workers: int = 4", "workers=settings.workers", "", "settings.workers = int(input())"),  # replaced
    ("workers: int = 4", "workers=settings.workers", "", "setattr(settings, 'work' + 'ers', 1)"),
])
def test_a_default_that_is_not_what_runs_says_nothing(fields, keyword, given, after):
    src = _dataclass(fields, keyword, given, after)
    if given == "1":
        src = src.replace("Settings(1)", "Settings('0.0.0.0', 1)")
    assert "MP420" not in codes(src)


SETTINGS_CLASS = """
import uvicorn
from pydantic_settings import BaseSettings

async def app(scope, receive, send):
    pass

class AppSettings(BaseSettings):
    {body}

class Config:
    WORKERS = {workers}

settings = AppSettings({given})

def main():
    uvicorn.run(app, {keyword})

if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("body, workers, given, keyword, reported", [
    ("workers: int = 3", 1, "", "workers=settings.workers", True),
    ("reload: bool = True", 1, "", "reload=settings.reload", True),
    ("reload: bool = False", 1, "", "reload=settings.reload", False),
    ("workers: int = 3", 1, "_env_file='.env'", "workers=settings.workers", False),  # made with arguments
    ("pass", 4, "", "workers=Config.WORKERS", True),  # through the class
    ("pass", 1, "", "workers=Config.WORKERS", False),
])
def test_settings_classes(body, workers, given, keyword, reported):
    src = SETTINGS_CLASS.replace("{body}", body).replace("{workers}", str(workers)).replace("{given}", given) \
        .replace("{keyword}", keyword)
    assert ("MP420" in codes(src)) is reported


def test_an_instance_attribute_set_by_init_shadows_the_class_default():
    src = """
        import uvicorn

        async def app(scope, receive, send):
            pass

        class Settings:
            workers = 4

            def __init__(self, workers=1):
                self.workers = workers

        if __name__ == "__main__":
            uvicorn.run(app, workers=Settings().workers)
    """
    assert "MP420" not in codes(src)


@pytest.mark.parametrize("method, reported", [("spawn", True), ("threading", False)])
def test_a_class_default_chooses_a_library_pool_start_method(method, reported):
    src = f"""
        from mpire import WorkerPool

        class Config:
            START_METHOD = "{method}"

        if __name__ == "__main__":
            with WorkerPool(n_jobs=2, start_method=Config.START_METHOD) as pool:
                pool.map(lambda x: x * 2, range(4))
    """
    assert ("MP201" in codes(src)) is reported
    if reported:
        assert methods(src, "MP201") == {"fork", "spawn", "forkserver"}  # spawn whatever the default
