"""The forum's pages: thin, each reads through a queryset method and writes through a service.

What a page offers is asked of the rules alone (`rules.has_perm`): Django's model backend would
read the permission tables for every permission the person lacks."""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import programme_permission
from kokoma.core.viewutils import call_service, paginate

from . import services
from .access import category_permission, post_permission, thread_permission
from .forms import CategoryForm, HideForm, PostEditForm, ReplyForm, SearchForm, ThreadForm
from .models import Category, Post, Thread

LATEST_THREADS = 10


def _thread_url(thread: Thread) -> str:
    return reverse("forum:thread", kwargs={"thread_id": thread.pk})


def _category_url(category: Category) -> str:
    return reverse("forum:category", kwargs={"category_id": category.pk})


def _report_mentions(request: HttpRequest, posted: services.Posted) -> None:
    if posted.mentioned:
        messages.info(
            request,
            _("Notified by your mention: %(names)s.")
            % {"names": ", ".join(str(user) for user in posted.mentioned)},
        )
    if posted.not_reached:
        messages.warning(
            request,
            _(
                "Not notified: nobody in the network goes by %(names)s. Mention a member of "
                "the network with @ and their handle, for example @anna-schmidt."
            )
            % {"names": ", ".join(f"@{name}" for name in posted.not_reached)},
        )


@programme_permission("forum.view_forum")
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The categories with their activity, and the threads with the newest posts."""
    user = _user(request)
    return render(
        request,
        "forum/home.html",
        {
            "categories": list(Category.objects.visible_to(user).with_activity()),
            "latest": list(Thread.objects.visible_to(user).for_list()[:LATEST_THREADS]),
            "search_form": SearchForm(),
            "can_manage": rules.has_perm("forum.manage_categories", user),
        },
    )


@programme_permission("forum.view_forum")
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page, query = None, ""
    if text:
        page, query = paginate(request, Thread.objects.visible_to(user).search(text).for_list())
    return render(
        request,
        "forum/search.html",
        {"search_form": form, "text": text, "page": page, "query": query},
    )


def _category_form_page(
    request: HttpRequest, form: BaseForm, title: str, category: Category | None = None
) -> HttpResponse:
    return render(
        request,
        "forum/category_form.html",
        {"form": form, "title": title, "category": category},
    )


@programme_permission("forum.manage_categories")
@require_http_methods(["GET", "POST"])
def category_add(request: HttpRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        category = call_service(form, services.add_category, by=_user(request), **form.cleaned_data)
        if category is not None:
            messages.success(request, _("The category was created."))
            return redirect(_category_url(category))
    return _category_form_page(request, form, _("New forum category"))


@category_permission("forum.manage_categories")
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, category: Category) -> HttpResponse:
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.change_category, category, by=_user(request), **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The category was saved."))
            return redirect(_category_url(saved))
    return _category_form_page(request, form, _("Edit forum category"), category)


@category_permission("forum.manage_categories")
@require_POST
def category_delete(request: HttpRequest, category: Category) -> HttpResponse:
    try:
        services.delete_category(category, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_category_url(category))
    messages.success(request, _("“%(name)s” was deleted.") % {"name": category})
    return redirect("forum:home")


@category_permission("forum.view_forum")
@require_safe
def category(request: HttpRequest, category: Category) -> HttpResponse:
    user = _user(request)
    page, _query = paginate(request, category.threads.for_list())
    return render(
        request,
        "forum/category.html",
        {
            "category": category,
            "page": page,
            "can_start": rules.has_perm("forum.start_thread", user),
            "can_manage": rules.has_perm("forum.manage_categories", user),
        },
    )


@category_permission("forum.start_thread")
@require_http_methods(["GET", "POST"])
def thread_add(request: HttpRequest, category: Category) -> HttpResponse:
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posted = call_service(
            form, services.start_thread, category, by=_user(request), **form.cleaned_data
        )
        if posted is not None:
            messages.success(request, _("Your thread was opened. You follow it."))
            _report_mentions(request, posted)
            return redirect(_thread_url(posted.thread))
    return render(request, "forum/thread_form.html", {"form": form, "category": category})


@thread_permission("forum.view_thread")
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, thread: Thread) -> HttpResponse:
    """The thread's posts, a page at a time, and the reply form (a refused reply comes back in
    it, with the message)."""
    user = _user(request)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        posted = call_service(form, services.reply, thread, by=user, **form.cleaned_data)
        if posted is not None:
            messages.success(request, _("Your reply was added. You follow this thread."))
            _report_mentions(request, posted)
            return redirect(services.post_link(posted.post))
    posts = thread.posts.for_thread()
    if request.method == "POST":
        # The refused reply comes back below the last page, where it would have appeared.
        pages = Paginator(posts, settings.KOKOMA_PAGE_SIZE)
        page = pages.get_page(pages.num_pages)
    else:
        page, _query = paginate(request, posts)
    shown: list[Post] = list(page.object_list)
    return render(
        request,
        "forum/thread.html",
        {
            "thread": thread,
            "category": thread.category,
            "page": page,
            "posts": shown,
            # the opening post is the first one on the first page
            "first_post_id": shown[0].pk if page.number == 1 and shown else None,
            "editable": {
                post.pk for post in shown if rules.has_perm("forum.edit_post", user, post)
            },
            "form": form,
            "subscribed": thread.subscriptions.filter(user=user).exists(),
            "can": {
                "reply": rules.has_perm("forum.reply", user, thread),
                "moderate": rules.has_perm("forum.moderate", user),
                "subscribe": rules.has_perm("forum.subscribe", user, thread),
            },
        },
    )


@thread_permission("forum.subscribe")
@require_POST
def subscribe(request: HttpRequest, thread: Thread) -> HttpResponse:
    """One button: it sends the state wanted (follow or not), so sending it twice changes
    nothing."""
    wanted = request.POST.get("subscribed") == "1"
    services.set_subscription(thread, by=_user(request), subscribed=wanted)
    if wanted:
        messages.success(request, _("You follow this thread: new replies notify you."))
    else:
        messages.success(request, _("You no longer follow this thread."))
    return redirect(_thread_url(thread))


@post_permission("forum.edit_post")
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, post: Post) -> HttpResponse:
    form = PostEditForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.edit_post, post, by=_user(request), **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("Your post was saved."))
            return redirect(services.post_link(saved))
    return render(
        request,
        "forum/post_form.html",
        {
            "form": form,
            "post": post,
            "thread": post.thread,
            "category": post.thread.category,
            "back_url": services.post_link(post),
        },
    )


@post_permission("forum.moderate")
@require_http_methods(["GET", "POST"])
def post_hide(request: HttpRequest, post: Post) -> HttpResponse:
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.hide_post, post, by=_user(request), **form.cleaned_data)
        if saved is not None:
            messages.success(request, _("The post was hidden. Its author was told the reason."))
            return redirect(services.post_link(saved))
    return render(
        request,
        "forum/post_hide.html",
        {
            "form": form,
            "post": post,
            "thread": post.thread,
            "category": post.thread.category,
            "back_url": services.post_link(post),
        },
    )


@post_permission("forum.moderate")
@require_POST
def post_show(request: HttpRequest, post: Post) -> HttpResponse:
    services.show_post(post, by=_user(request))
    messages.success(request, _("The post is shown again."))
    return redirect(services.post_link(post))
