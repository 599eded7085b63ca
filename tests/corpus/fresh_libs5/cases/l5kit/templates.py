"""Report templates, compiled (Prefect's JinjaTemplateTask before PR #710) or kept as source."""
import jinja2

SOURCE = "Report {{ name }}: {{ rows|length }} rows"


class JinjaTemplateTask:
    def __init__(self, source=SOURCE):
        self.template = jinja2.Template(source)

    def run(self, **context):
        return self.template.render(**context)


class SourceTemplateTask:
    def __init__(self, source=SOURCE):
        self.source = source
        self.environment = jinja2.Environment()

    def run(self, **context):
        return self.environment.from_string(self.source).render(**context)
