"""The API's documentation page, read from its own OpenAPI schema (no third-party viewer:
Swagger UI is neither in German nor free of accessibility findings, and the schema itself is at
/api/v1/openapi.json for tools)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .v1 import api

PREFIX = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Parameter:
    name: str
    location: str
    required: bool
    kind: str
    description: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    description: str
    writes: bool
    parameters: list[Parameter] = field(default_factory=list)
    body: list[Parameter] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"{self.method}-{self.path}".replace("/", "-").replace("{", "").replace("}", "")


@dataclass
class Section:
    tag: str
    title: str
    operations: list[Operation] = field(default_factory=list)


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def describe(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A schema as one short line for people: type, allowed values, bounds."""
    schema = _resolve(schema, components)
    if "anyOf" in schema:
        kinds = [describe(part, components) for part in schema["anyOf"]]
        return " | ".join(kind for kind in kinds if kind != "null") + (
            " | null" if "null" in kinds else ""
        )
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    kind = schema.get("format") or schema.get("type", "object")
    if kind == "array":
        return f"array of {describe(schema.get('items', {}), components)}"
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("maxLength", "length ≤"),
        )
        if key in schema
    ]
    if "title" in schema and kind == "object":
        kind = schema["title"]
    return f"{kind} ({', '.join(bounds)})" if bounds else str(kind)


TAGS = {
    "municipalities": gettext_noop("Municipalities"),
    "observations": gettext_noop("Observations"),
    "cases": gettext_noop("Cases"),
    "boards": gettext_noop("Advisory boards"),
    "training": gettext_noop("Training"),
    "network": gettext_noop("Network"),
    "transfer": gettext_noop("Transfer models"),
    "dialogues": gettext_noop("Dialogues"),
}
# Where a parameter is sent, in the reader's words.
LOCATIONS = {
    "query": gettext_noop("query"),
    "path": gettext_noop("path"),
    "body": gettext_noop("body"),
    "header": gettext_noop("header"),
}


def _text(value: str) -> str:
    """The schema's descriptions are English msgids (marked with gettext_noop where written)."""
    return _(value) if value else ""


@cache
def api_reference(language: str) -> list[Section]:
    """The reference in `language`, made once per language (the schema does not change)."""
    with translation.override(language):
        return _reference()


def _reference() -> list[Section]:
    schema = api.get_openapi_schema(path_prefix=PREFIX + "/")
    components = schema.get("components", {}).get("schemas", {})
    sections: dict[str, Section] = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            spec = item[method]
            operation = Operation(
                method=method.upper(),
                path=path,
                summary=_text(spec.get("summary", "")),
                description=_text(spec.get("description", "")),
                writes=method != "get",
            )
            for parameter in spec.get("parameters", []):
                operation.parameters.append(
                    Parameter(
                        name=parameter["name"],
                        location=_(LOCATIONS[parameter["in"]]),
                        required=parameter.get("required", False),
                        kind=describe(parameter.get("schema", {}), components),
                        description=_text(
                            parameter.get("description", "")
                            or parameter.get("schema", {}).get("description", "")
                        ),
                    )
                )
            body = spec.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                body_schema = _resolve(body["schema"], components)
                required = set(body_schema.get("required", []))
                for name, prop in body_schema.get("properties", {}).items():
                    operation.body.append(
                        Parameter(
                            name=name,
                            location=_(LOCATIONS["body"]),
                            required=name in required,
                            kind=describe(prop, components),
                            description=_text(prop.get("description", "")),
                        )
                    )
            operation.responses = [
                (str(status), _text(response.get("description", "")))
                for status, response in sorted(spec["responses"].items(), key=lambda i: str(i[0]))
            ]
            tag = (spec.get("tags") or ["other"])[0]
            sections.setdefault(tag, Section(tag, _(TAGS.get(tag, tag)))).operations.append(
                operation
            )
    return list(sections.values())
