import rules

from .predicates import added_resource, is_network_member, is_programme_office, is_programme_staff

# Who sees an item is decided by `Resource.objects.visible_to` alone; these are what one may do.
# Members of the network add items; their authors keep their own, the programme office all.
rules.add_perm("library.add_resource", is_network_member)
rules.add_perm(
    "library.change_resource", is_programme_office | (is_network_member & added_resource)
)
# Only the programme's staff may keep an item to the staff.
rules.add_perm("library.share_with_staff", is_programme_staff)
