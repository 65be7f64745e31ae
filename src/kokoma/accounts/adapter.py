from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the programme office and the tandems invite people."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
