"""Every list page offers its rows as CSV and XLSX (issue 15, item 3): a template that pages a
list (`pagination.html`) also links its exports (`export_links.html`), unless named below."""

from __future__ import annotations

from pathlib import Path

import kokoma

SOURCE = Path(kokoma.__file__).parent
# Conversations, not lists of records: a thread, a forum category and the forum's search.
NOT_RECORDS = {
    "forum/templates/forum/thread.html",
    "forum/templates/forum/category.html",
    "forum/templates/forum/search.html",
}
# Still to be given their exports (issue 15 is open; this set only shrinks).
NOT_YET = {
    "consultation/templates/consultation/consultation_list.html",
    "directory/templates/directory/institution_list.html",
    "library/templates/library/resource_list.html",
    "municipalities/templates/municipalities/auditentry_list.html",
    "municipalities/templates/municipalities/process_matrix.html",
    "municipalities/templates/municipalities/worklogentry_list.html",
    "network/templates/network/event_list.html",
    "network/templates/network/member_list.html",
    "notifications/templates/notifications/notification_list.html",
    "observations/templates/observations/chronicleentry_list.html",
    "prevention/templates/prevention/alert_list.html",
    "supervision/templates/supervision/slot_list.html",
    "tasks/templates/tasks/_task_table.html",
}


def _list_templates() -> dict[str, str]:
    return {
        str(path.relative_to(SOURCE)): path.read_text(encoding="utf-8")
        for path in SOURCE.glob("*/templates/**/*.html")
        if 'include "pagination.html"' in path.read_text(encoding="utf-8")
    }


def test_every_list_page_links_its_exports() -> None:
    templates = _list_templates()
    missing = sorted(
        name
        for name, text in templates.items()
        if 'include "export_links.html"' not in text and name not in NOT_RECORDS | NOT_YET
    )
    assert not missing, f"list pages without exports: {missing}"
    done = sorted(name for name in NOT_YET if 'include "export_links.html"' in templates[name])
    assert not done, f"these have their exports now; take them off NOT_YET: {done}"
