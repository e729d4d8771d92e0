"""Internal pages: meetings, the agenda builder (htmx), documents, updates, attendance,
minutes and action items. Every state change is a POST through a service.

By concern: ``meetings`` (list, planning, editing, status, agenda pack), ``builder`` (the
agenda builder and its agenda changes), ``documents`` (documents and guests), ``minutes``
(updates, attendance, minutes) and ``actions`` (action items). ``meetings.urls`` imports from
this package.
"""

from .actions import ActionAddView, ActionDoneView, ActionListView
from .builder import (
    AgendaItemAddView,
    AgendaItemDeleteView,
    AgendaItemMoveView,
    AgendaItemUpdateView,
    AgendaReorderView,
    MeetingDetailView,
)
from .confirm import MinutesApproveView, SendPackView
from .documents import (
    DocumentAddView,
    DocumentDeleteView,
    DocumentDownloadView,
    GuestAddView,
    GuestDeleteView,
)
from .meetings import (
    MeetingCreateView,
    MeetingListView,
    MeetingTransitionView,
    MeetingUpdateView,
    PackPdfView,
    YearPlanView,
)
from .minutes import (
    AttendanceOverviewView,
    AttendanceView,
    MinutesPdfView,
    MinutesScheduleView,
    MinutesView,
    UpdatePostView,
)

__all__ = [
    "ActionAddView",
    "ActionDoneView",
    "ActionListView",
    "AgendaItemAddView",
    "AgendaItemDeleteView",
    "AgendaItemMoveView",
    "AgendaItemUpdateView",
    "AgendaReorderView",
    "AttendanceOverviewView",
    "AttendanceView",
    "DocumentAddView",
    "DocumentDeleteView",
    "DocumentDownloadView",
    "GuestAddView",
    "GuestDeleteView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingListView",
    "MeetingTransitionView",
    "MeetingUpdateView",
    "MinutesApproveView",
    "MinutesPdfView",
    "MinutesScheduleView",
    "MinutesView",
    "PackPdfView",
    "SendPackView",
    "UpdatePostView",
    "YearPlanView",
]
