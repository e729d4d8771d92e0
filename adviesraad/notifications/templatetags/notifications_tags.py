from django import template

from adviesraad.notifications.selectors import unread_count as unread_count_of

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context) -> int:
    """The unread count for the bell: one COUNT query per request."""
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count_of(user=user)
    return request._unread_notifications
