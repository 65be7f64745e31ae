import rules

from kokoma.municipalities.predicates import is_working_member

from .predicates import has_a_task_in

# A board member who holds no other role sees only the tasks given to them (docs/decisions/0026).
rules.add_perm("tasks.view_tasks", is_working_member | has_a_task_in)
rules.add_perm("tasks.add_task", is_working_member)
