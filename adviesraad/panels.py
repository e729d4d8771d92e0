"""How apps put things on shared pages without the core importing them.

Each app may have a ``panels.py`` with any of:

- ``nav_items(user) -> list[NavItem]``: links in the main navigation for this user;
- ``home_panels(request) -> list[Panel]``: blocks on the public home page;
- ``dashboard_panels(request) -> list[Panel]``: blocks on the internal dashboard.

A ``Panel`` names a template (``<app>/includes/_*.html``) and the context it gets; an app
returns only what the user may see.
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

PANEL_APPS = ["members", "meetings", "adviezen", "budget"]


@dataclass
class NavItem:
    label: str
    url: str
    order: int = 50


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


def _modules():
    for app in PANEL_APPS:
        try:
            yield import_module(f"{app}.panels")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.panels":
                raise


def collect(hook: str, arg) -> list:
    items = []
    for module in _modules():
        fn = getattr(module, hook, None)
        if fn is not None:
            items.extend(fn(arg))
    return sorted(items, key=lambda i: i.order)
