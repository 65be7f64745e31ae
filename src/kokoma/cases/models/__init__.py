"""The conflict case and everything a case team records about it, one module per noun."""

from .actors import Actor, ActorIdentity, Relation, RelationKind, RelationQuerySet
from .assessments import GLASL_STAGES, EscalationAssessment, ThreatAssessment, ThreatDimension
from .case import Case, CaseOutcome, CaseQuerySet, CaseStepChange, ConflictType
from .comments import Comment
from .documents import Document, document_path
from .processing import Agreement, CaseProcedure, Measure, MeasureQuerySet
from .team import CaseTeamMember

__all__ = [
    "GLASL_STAGES",
    "Actor",
    "ActorIdentity",
    "Agreement",
    "Case",
    "CaseOutcome",
    "CaseProcedure",
    "CaseQuerySet",
    "CaseStepChange",
    "CaseTeamMember",
    "Comment",
    "ConflictType",
    "Document",
    "EscalationAssessment",
    "Measure",
    "MeasureQuerySet",
    "Relation",
    "RelationKind",
    "RelationQuerySet",
    "ThreatAssessment",
    "ThreatDimension",
    "document_path",
]
