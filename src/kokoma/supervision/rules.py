import rules

from .predicates import (
    is_booked_in,
    is_programme_office,
    is_slot_supervisor,
    is_supervisor,
    may_book,
    may_book_slot,
)

# Without an object: the areas of the module.
rules.add_perm("supervision.use_supervision", is_supervisor | may_book)
rules.add_perm("supervision.offer_slots", is_supervisor)
rules.add_perm("supervision.book", may_book)
# The office keeps the pool's rules and reads anonymous counts, never a session or a note.
rules.add_perm("supervision.manage_pool", is_programme_office)

# On a slot.
rules.add_perm("supervision.view_slot", is_slot_supervisor | is_booked_in | may_book_slot)
rules.add_perm("supervision.manage_slot", is_slot_supervisor)
rules.add_perm("supervision.book_slot", may_book_slot)
rules.add_perm("supervision.cancel_booking", is_booked_in)
rules.add_perm("supervision.read_notes", is_slot_supervisor | is_booked_in)
rules.add_perm("supervision.write_note", is_slot_supervisor)
