"""The document upload form of a case: the one every upload uses."""

from kokoma.core.forms import DocumentForm

__all__ = ["DocumentForm"]
