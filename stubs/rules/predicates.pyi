from collections.abc import Callable
from typing import Any, overload

class Context(dict[str, Any]):
    args: tuple[Any, ...]
    def __init__(self, args: tuple[Any, ...]) -> None: ...

class Predicate:
    fn: Callable[..., Any]
    num_args: int
    var_args: bool
    name: str
    bind: bool
    def __init__(
        self, fn: Predicate | Callable[..., Any], name: str | None = None, bind: bool = False
    ) -> None: ...
    # Calls the wrapped function directly, with the arguments given, and returns its result.
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...
    @property
    def context(self) -> Context | None: ...
    def test(self, obj: Any = ..., target: Any = ...) -> bool: ...
    def __and__(self, other: Predicate) -> Predicate: ...
    def __or__(self, other: Predicate) -> Predicate: ...
    def __xor__(self, other: Predicate) -> Predicate: ...
    def __invert__(self) -> Predicate: ...

@overload
def predicate(
    fn: Callable[..., Any], name: str | None = None, *, bind: bool = False
) -> Predicate: ...
@overload
def predicate(
    fn: str | None = None, name: str | None = None, *, bind: bool = False
) -> Callable[[Callable[..., Any]], Predicate]: ...

always_true: Predicate
always_false: Predicate
always_allow: Predicate
always_deny: Predicate
is_authenticated: Predicate
is_superuser: Predicate
is_staff: Predicate
is_active: Predicate

def is_group_member(*groups: str) -> Predicate: ...
