import rules

from kokoma.municipalities.predicates import (
    is_programme_office,
    is_tandem,
    is_working_member,
)

# Who may read the directory: the municipality's members and the programme office.
rules.add_perm("directory.view_directory", is_programme_office | is_working_member)
# Institutions and contact persons (real people's data): the tandem keeps them.
rules.add_perm("directory.change_directory", is_tandem)
# Linking a case: any member; the service also requires `cases.change_case` on that case.
rules.add_perm("directory.link_case", is_working_member)
