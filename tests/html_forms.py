"""The forms of an HTML page as a browser would send them, for tests that fill in pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    method: str
    action: str
    # What the browser sends: (name, value) in document order; checkboxes only when checked.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # Names of the fields a person types into (text inputs and text areas).
    text_fields: list[str] = field(default_factory=list)
    # Every named field's kind: an input's type, "textarea" or "select"; and the values a select
    # or a group of radio buttons offers.
    kinds: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)

    def data(self) -> dict[str, str | list[str]]:
        sent: dict[str, list[str]] = {}
        for name, value in self.fields:
            sent.setdefault(name, []).append(value)
        return {name: values[0] if len(values) == 1 else values for name, values in sent.items()}


TEXT_TYPES = {"text", ""}


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._select_multiple = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = PageForm(a.get("method", "get").lower(), a.get("action", ""))
            self.forms.append(self._form)
        form = self._form
        if form is None or "disabled" in a:
            return
        name = a.get("name", "")
        if name and tag in ("input", "textarea", "select"):
            form.kinds.setdefault(name, a.get("type", "text").lower() if tag == "input" else tag)
            if "required" in a:
                form.required.add(name)
        if tag == "input" and name and a.get("type", "").lower() in ("radio", "checkbox"):
            form.options.setdefault(name, []).append(a.get("value", "on"))
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                form.fields.append((name, a.get("value", "")))
                if kind in TEXT_TYPES:
                    form.text_fields.append(name)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._select_multiple = "multiple" in a
        elif tag == "option" and self._select:
            value = a.get("value")
            if value is not None:
                form.options.setdefault(self._select, []).append(value)
            if value is not None and self._select_first is None:
                self._select_first = value
            if "selected" in a and value is not None:
                form.fields.append((self._select, value))
                self._select_chosen = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "textarea" and form is not None and self._textarea is not None:
            # A browser drops the one line break that may follow the opening tag.
            form.fields.append((self._textarea, self._text.removeprefix("\n")))
            form.text_fields.append(self._textarea)
            self._textarea = None
        elif tag == "select" and form is not None and self._select is not None:
            if (
                not (self._select_chosen or self._select_multiple)
                and self._select_first is not None
            ):
                form.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "form":
            self._form = None


def page_forms(html: str) -> list[PageForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
