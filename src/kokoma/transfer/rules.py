import rules

from .predicates import (
    is_in_a_tandem,
    is_network_member,
    is_programme_office,
    is_published,
    keeps_model,
    reports_on,
)

# Without an object.
rules.add_perm("transfer.use_models", is_network_member)
rules.add_perm("transfer.add_model", is_programme_office | is_in_a_tandem)

# On a model.
rules.add_perm("transfer.view_model", is_network_member)
rules.add_perm("transfer.change_model", is_programme_office | keeps_model)
# A tandem adopts for its municipality (the office on a municipality's behalf); the service
# checks the municipality chosen.
rules.add_perm("transfer.adopt_model", is_published & (is_programme_office | is_in_a_tandem))

# On an adoption.
rules.add_perm("transfer.report_adoption", reports_on)
