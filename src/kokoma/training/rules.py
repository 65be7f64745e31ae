import rules

from .predicates import (
    is_enrolled,
    is_enrolled_participant,
    is_participant,
    is_programme_office,
    is_signed_in,
    is_tandem_of_participant,
    may_apply,
    trains_cohort,
    trains_participant,
)

# The curriculum and the cohorts (dates, places, rules) are the programme's public promise: every
# signed-in person reads them. Who takes part is seen by the office and the cohort's trainers;
# a participant sees their own registration, the tandem of their municipality too (it consents).
rules.add_perm("training.change_curriculum", is_programme_office)
rules.add_perm("training.manage_cohorts", is_programme_office)
rules.add_perm("training.view_cohort", is_signed_in)
rules.add_perm("training.manage_cohort", is_programme_office)
rules.add_perm("training.teach", is_programme_office | trains_cohort)
rules.add_perm("training.view_materials", is_programme_office | trains_cohort | is_enrolled)
rules.add_perm("training.apply", may_apply)
rules.add_perm(
    "training.view_enrolment",
    is_programme_office | is_participant | trains_participant | is_tandem_of_participant,
)
rules.add_perm("training.decide_enrolment", is_programme_office)
rules.add_perm("training.consent", is_tandem_of_participant)
rules.add_perm("training.withdraw", is_programme_office | is_participant)
rules.add_perm("training.submit_project", is_enrolled_participant)
rules.add_perm("training.review_project", trains_participant)
# Certificates: issued and revoked by the office; the holder and the office download them.
rules.add_perm("training.view_certificate", is_programme_office | is_participant)
rules.add_perm("training.revoke_certificate", is_programme_office)
