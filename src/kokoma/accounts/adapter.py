from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from kokoma.core.links import on_site, site_domain
from kokoma.core.ratelimit import client_fingerprint


@dataclass(frozen=True)
class MailSite:
    """What allauth's mail templates name as `current_site` (greeting and footer)."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """No self sign-up: the programme office and the tandems invite people."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth builds its links (password reset, sign-up, confirmation) and the site's name
        from the request's host, which may be a proxy's: the mail names the running site."""
        context = {
            name: on_site(value) if _is_link(value) else value for name, value in context.items()
        }
        context["current_site"] = MailSite(name="KoKoMa", domain=site_domain())
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """Failed logins count per account *and client* (the "key" of ACCOUNT_RATE_LIMITS'
        `login_failed`), so that nobody can lock another person out at will: an attacker who
        guesses at an account is stopped on their own client, while the owner on another client
        still gets in with the right password. On a shared client, the password-reset link is
        the way back: setting a new password clears the count for that client (allauth's
        password-reset flow calls this with the resetting request). Decision 0022.

        (allauth names the hook with an underscore; tests/accounts/test_lockout.py notices when
        an upgrade stops calling it.)
        """
        login = str(credentials.get("email", credentials.get("username", ""))).lower()
        return f"{login}:{client_fingerprint(request)}"


def _is_link(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
