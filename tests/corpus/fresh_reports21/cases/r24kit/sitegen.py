"""A pelican-like static site generator: settings, a demo site and the build step."""
import os
import tempfile
from dataclasses import dataclass, field


@dataclass
class Settings:
    content_path: str
    output_path: str
    theme_path: str
    extensions: tuple = (".md", ".rst")
    bind: str = "127.0.0.1"
    port: int = 8000
    extra: dict = field(default_factory=dict)


def make_demo_site(pages=3):
    root = tempfile.mkdtemp(prefix="r24site-")
    settings = Settings(
        content_path=os.path.join(root, "content"),
        output_path=os.path.join(root, "output"),
        theme_path=os.path.join(root, "theme"),
    )
    for path in (settings.content_path, settings.output_path, settings.theme_path):
        os.makedirs(path)
    for i in range(pages):
        with open(os.path.join(settings.content_path, f"post{i}.md"), "w") as fh:
            fh.write(f"Title: Post {i}\n\nBody of post {i}.\n")
    with open(os.path.join(settings.theme_path, "base.html"), "w") as fh:
        fh.write("<html>{body}</html>\n")
    return settings


def generate(settings):
    """Render every content file into the output folder; return the number of pages written."""
    with open(os.path.join(settings.theme_path, "base.html")) as fh:
        template = fh.read()
    written = 0
    for name in sorted(os.listdir(settings.content_path)):
        if not name.endswith(settings.extensions):
            continue
        with open(os.path.join(settings.content_path, name)) as fh:
            body = fh.read()
        out = os.path.join(settings.output_path, os.path.splitext(name)[0] + ".html")
        with open(out, "w") as fh:
            fh.write(template.format(body=body))
        written += 1
    return written


def count_pages(output_path):
    return sum(1 for name in os.listdir(output_path) if name.endswith(".html"))
