"""Views of one transfer model: out of reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Adoption, TransferModel

model_permission = ObjectScope(
    "transfer_model",
    lambda user: TransferModel.objects.visible_to(user).select_related(
        "source_municipality__register"
    ),
    pk="transfer_model_id",
).permission
"""The view gets the model named by the URL's `transfer_model_id`, checked against the permission."""

adoption_permission = ObjectScope(
    "adoption",
    lambda user: Adoption.objects.filter(
        transfer_model__in=TransferModel.objects.visible_to(user)
    ).select_related("transfer_model", "municipality__register"),
    pk="adoption_id",
    transfer_model_id="transfer_model_id",
).permission
"""The view gets the adoption named by `transfer_model_id` and `adoption_id`."""
