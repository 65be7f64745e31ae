import rules

from kokoma.municipalities.predicates import is_tandem, is_working_member

from .predicates import may_acknowledge

rules.add_perm("prevention.view_alerts", is_working_member)
rules.add_perm("prevention.acknowledge_alert", may_acknowledge)
rules.add_perm("prevention.change_warning_settings", is_tandem)
