from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from kokoma.core.links import on_site, site_domain


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


def _is_link(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))
