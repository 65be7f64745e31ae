import rules

from .predicates import owns_token

rules.add_perm("api.revoke_token", owns_token)
