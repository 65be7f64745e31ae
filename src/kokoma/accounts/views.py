from typing import cast

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kokoma.accounts.models import Membership, User
from kokoma.core.access import login_only


@login_only
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    memberships = Membership.objects.filter(user=user).select_related("municipality__register")
    authenticators = Authenticator.objects.filter(user=user).values_list("type", flat=True)
    return render(
        request,
        "accounts/user_profile.html",
        {"memberships": memberships, "mfa_types": set(authenticators)},
    )
