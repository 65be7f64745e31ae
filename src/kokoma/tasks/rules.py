import rules

from kokoma.municipalities.predicates import is_member

rules.add_perm("tasks.view_tasks", is_member)
rules.add_perm("tasks.add_task", is_member)
