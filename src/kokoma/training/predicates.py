from kokoma.municipalities.predicates import is_programme_office

__all__ = ["is_programme_office"]
