from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "kokoma.workflow"
    verbose_name = _("Procedure rules")

    def ready(self) -> None:
        from kokoma.municipalities.signals import municipality_admitted

        municipality_admitted.connect(
            _start_with_default_workflow, dispatch_uid="workflow-defaults"
        )


def _start_with_default_workflow(sender: Any, *, municipality: Any, by: Any, **kwargs: Any) -> None:
    from .services import create_default_workflow

    create_default_workflow(municipality, by=by)
