"""`manage.py check` runs the definition validator over every template definition."""

from django.core import checks


@checks.register()
def definitions_hold(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from .definitions import all_templates
    from .definitions.validation import problems

    definitions = {definition.version: definition for definition in all_templates()}
    return [
        checks.Error(problem, obj=f"template {definition.version}", id="returns.E001",
                     hint=f"Compare the definition with its spec page, {definition.spec}.")
        for definition in definitions.values()
        for problem in problems(definition, definitions)
    ]  # fmt: skip
