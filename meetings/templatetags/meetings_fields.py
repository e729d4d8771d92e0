"""``{{ form|bs_form }}``: the Bootstrap 5 markup crispy renders for the builder's simple forms,
built in Python. Crispy renders every field and every ``<option>`` through templates, which
made the agenda builder's four add-forms about half of its CPU (docs/performance.md).

Same ids, classes, labels, errors (``is-invalid``, ``aria-invalid``, ``aria-describedby``),
help texts and kept user input as ``|crispy``; everything is escaped."""

from __future__ import annotations

from html import escape

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe

from adviesraad.forms_renderer import choice_label

register = template.Library()

_INPUT_CLASS = {
    "text": "textinput form-control",
    "email": "emailinput form-control",
    "number": "numberinput form-control",
    "date": "dateinput form-control",
    "url": "urlinput form-control",
    "file": "form-control",
}


def _join(parts) -> str:
    """Concatenate already escaped (safe) fragments."""
    return format_html_join("", "{}", ((p,) for p in parts))


def _errors(bf) -> str:
    return format_html_join(
        "",
        '<p id="error_{}_{}"><strong>{}</strong></p>',
        ((n, bf.auto_id, e) for n, e in enumerate(bf.errors, start=1)),
    )


def _widget(bf, attrs: dict, invalid: bool) -> str:
    bad = " is-invalid" if invalid else ""
    widget = bf.field.widget
    value = bf.value()
    if isinstance(widget, forms.CheckboxInput):
        attrs = {"type": "checkbox", "name": bf.html_name, **attrs}
        attrs["class"] = "checkboxinput form-check-input" + bad
        if widget.check_test(value):
            attrs["checked"] = True
        return format_html("<input{}>", flatatt(attrs))
    if isinstance(widget, forms.Select):
        attrs = {"name": bf.html_name, **attrs, "class": "select form-select" + bad}
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
        chosen.discard("None")
        # One f-string per option: a select of every member is the builder's longest list.
        opts = []
        for v, label in bf.field.choices:
            v = "" if v is None else str(v)
            selected = " selected" if v in chosen or (not chosen and v == "") else ""
            # escaped as format_html would, without its per-call cost (a long select is
            # most of a filter form's render)
            label = choice_label(label)
            text = label if isinstance(label, SafeData) else escape(str(label))
            opts.append(f'<option value="{escape(v)}"{selected}>{text}</option>')
        return format_html(
            "<select{}>{}</select>",
            flatatt(attrs),
            mark_safe("".join(opts)),  # noqa: S308 (each part escaped above)
        )
    if isinstance(widget, forms.Textarea):
        attrs = {"name": bf.html_name, **attrs, "class": "textarea form-control" + bad}
        text = widget.format_value(value) or ""
        return format_html("<textarea{}>\n{}</textarea>", flatatt(attrs), text)
    input_type = getattr(widget, "input_type", "text")
    attrs = {"type": input_type, "name": bf.html_name, **attrs}
    attrs["class"] = _INPUT_CLASS.get(input_type, "form-control") + bad
    if input_type != "file":
        v = widget.format_value(value)
        if v not in (None, ""):
            attrs["value"] = v
    return format_html("<input{}>", flatatt(attrs))


def _field(bf) -> str:
    widget = bf.field.widget
    attrs = {k: v for k, v in widget.attrs.items() if k != "type"}
    attrs = bf.build_widget_attrs(attrs)
    attrs = {k: v for k, v in attrs.items() if v is not False and v is not None}
    describedby = []
    invalid = bool(bf.errors)
    if invalid:
        attrs["aria-invalid"] = "true"
        describedby.append(f"{bf.auto_id}_error")
    if bf.help_text:
        describedby.append(f"{bf.auto_id}_helptext")
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    attrs["id"] = bf.auto_id
    html = _widget(bf, attrs, invalid)
    errors = (
        format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bf.auto_id,
            _errors(bf),
        )
        if invalid
        else ""
    )
    help_ = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', bf.auto_id, bf.help_text)
        if bf.help_text
        else ""
    )
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}{}</div></div>',
            bf.auto_id,
            html,
            bf.auto_id,
            bf.label,
            errors,
            help_,
        )
    required = bf.field.required
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label{}">{}{}</label>'
        "{}{}{}</div>",
        bf.auto_id,
        bf.auto_id,
        " requiredField" if required else "",
        bf.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
        html,
        errors,
        help_,
    )


@register.filter
def bs_form(form) -> str:
    """All fields of ``form`` plus its non-field errors, like ``{{ form|crispy }}``."""
    parts = []
    if form.non_field_errors():
        parts.append(
            format_html(
                '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
                format_html_join("", "<li>{}</li>", ((e,) for e in form.non_field_errors())),
            )
        )
    parts.extend(_field(bf) for bf in form.visible_fields())
    parts.extend(bf.as_widget() for bf in form.hidden_fields())
    return _join(parts)


@register.filter
def bs_field(bf) -> str:
    """One field, like ``{{ field|as_crispy_field }}``."""
    return _field(bf)
