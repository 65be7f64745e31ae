from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from kokoma.api.oparl import oparl_api
from kokoma.api.v1 import api

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "KoKoMa"

urlpatterns = [
    path("", include("kokoma.start.urls")),
    path("", include("kokoma.core.urls")),
    path("", include("kokoma.observations.urls_public")),
    path("", include("kokoma.dialogue.urls_public")),
    path("kommunen/<str:ags>/dialoge/", include("kokoma.dialogue.urls_municipality")),
    path("dialoge/", include("kokoma.dialogue.urls")),
    path("kommunen/<str:ags>/meldungen/", include("kokoma.observations.urls")),
    path("kommunen/<str:ags>/verfahrensordnung/", include("kokoma.workflow.urls")),
    path("kommunen/<str:ags>/akteurslandschaft/", include("kokoma.directory.urls")),
    path("kommunen/<str:ags>/fruehwarnung/", include("kokoma.prevention.urls")),
    path("kommunen/<str:ags>/lagebild/praevention/", include("kokoma.prevention.urls_measures")),
    path("kommunen/<str:ags>/lagebild/", include("kokoma.situation.urls")),
    path("kommunen/<str:ags>/leitfaeden/", include("kokoma.guidance.urls_municipality")),
    path("kommunen/", include("kokoma.municipalities.urls")),
    path("faelle/", include("kokoma.cases.urls_list")),
    path("fall/<str:reference>/fallberatung/", include("kokoma.consultation.urls_case")),
    path("fall/<str:reference>/dialoge/", include("kokoma.dialogue.urls_case")),
    path("fall/<str:reference>/", include("kokoma.outcomes.urls_case")),
    path("fall/", include("kokoma.cases.urls")),
    path("programm/taxonomien/", include("kokoma.taxonomy.urls")),
    path("programm/leitfaeden/", include("kokoma.guidance.urls")),
    path("benachrichtigungen/", include("kokoma.notifications.urls")),
    path("aufgaben/", include("kokoma.tasks.urls")),
    path("kalender/", include("kokoma.tasks.urls_calendar")),
    path("gremien/", include("kokoma.boards.urls")),
    path("weiterbildung/", include("kokoma.training.urls")),
    path("", include("kokoma.training.urls_public")),
    path("supervision/", include("kokoma.supervision.urls")),
    path("netzwerk/praxismodelle/", include("kokoma.transfer.urls")),
    path("netzwerk/wirkung/", include("kokoma.outcomes.urls")),
    path("netzwerk/fallberatung/", include("kokoma.consultation.urls")),
    path("netzwerk/forum/", include("kokoma.forum.urls")),
    path("netzwerk/bibliothek/", include("kokoma.library.urls")),
    path("netzwerk/", include("kokoma.network.urls")),
    path("konto/profil/", include("kokoma.accounts.urls")),
    # allauth's page of several addresses would let an unconfirmed address in as a login (and a
    # password reset to it): e-mail changes go through our own page (decision 0021).
    path("konto/email/", RedirectView.as_view(pattern_name="accounts:email_change")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/oparl/v1/", oparl_api.urls),
    path("", include("kokoma.api.urls")),
    path("verwaltung/", admin.site.urls),
]

handler400 = "kokoma.api.errors.bad_request"
handler403 = "kokoma.api.errors.permission_denied"
handler404 = "kokoma.api.errors.page_not_found"
handler500 = "kokoma.api.errors.server_error"
