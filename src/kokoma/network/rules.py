import rules

from .predicates import (
    is_network_expert,
    is_network_member,
    is_programme_office,
    keeps_profile,
    organises,
)

# Without an object: the network's areas.
rules.add_perm("network.use_network", is_network_member)
rules.add_perm("network.invite_expert", is_programme_office)
rules.add_perm("network.create_event", is_programme_office)

# On a member's profile.
rules.add_perm("network.view_member", is_network_member)
rules.add_perm("network.change_member", is_programme_office | keeps_profile)

# On an event: everybody in the network reads it and registers; its organisers and the office
# keep it and see who comes.
rules.add_perm("network.view_event", is_network_member)
rules.add_perm("network.register", is_network_member)
rules.add_perm("network.change_event", is_programme_office | organises)
rules.add_perm("network.view_participants", is_programme_office | organises)

__all__ = ["is_network_expert"]
