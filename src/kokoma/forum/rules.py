import rules

from .predicates import is_network_member, is_programme_office, wrote_post

# The forum is the network's: its members read, start threads, reply and follow threads.
rules.add_perm("forum.view_forum", is_network_member)
rules.add_perm("forum.view_thread", is_network_member)
rules.add_perm("forum.start_thread", is_network_member)
rules.add_perm("forum.reply", is_network_member)
rules.add_perm("forum.subscribe", is_network_member)
# Authors edit their own posts while they are shown; the programme office moderates and keeps
# the categories.
rules.add_perm("forum.edit_post", is_network_member & wrote_post)
rules.add_perm("forum.moderate", is_programme_office)
rules.add_perm("forum.manage_categories", is_programme_office)
