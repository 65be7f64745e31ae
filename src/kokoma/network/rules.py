import rules

from .predicates import is_network_member

# Without an object: the network's areas.
rules.add_perm("network.use_network", is_network_member)
