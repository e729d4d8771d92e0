"""The access matrix's allow-list: what each role gets on each route (see test_access_matrix).

Outcomes, in the order of ``ROLES``: anonymous, member, policy advisor, secretary, treasurer,
chair. ``200`` the page, ``LOGIN`` a redirect to the log-in page, ``302`` a redirect
elsewhere, ``403`` refused, ``404`` not found (the object is not theirs to know about),
``405`` the method is not allowed. Every route has at least one case; routes with an
object have a case per kind of object that matters (someone else's, not public).

The roles hold no second factor: the sessions are made by ``force_login``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

LOGIN = "login"
REFUSED = frozenset({LOGIN, 403, 404, 405})
ANY_REFUSAL = REFUSED


@dataclass(frozen=True)
class Case:
    get: tuple
    kwargs: dict = field(default_factory=dict)  # URL kwarg -> name of a value in the world
    post: tuple | None = None  # POST outcomes, for routes whose work is a POST
    label: str = "-"
    path: str | None = None  # for the admin, which is one entry
    data: dict = field(default_factory=dict)
    shown_to: dict = field(default_factory=dict)  # role -> secrets it may see on this route
    get_writes: bool = False  # a GET that records something (a download count), on 200 only

    def url(self, name: str, world: dict) -> str:
        if self.path:
            return self.path
        return reverse(name, kwargs={k: world[v] for k, v in self.kwargs.items()})


def C(get, label="-", post=None, path=None, get_writes=False, shown_to=None, **kwargs):
    return Case(
        get=tuple(get),
        kwargs=kwargs,
        post=post and tuple(post),
        label=label,
        path=path,
        get_writes=get_writes,
        shown_to=shown_to or {},
    )


# Secrets planted in the world, and who may see them.
CONFIDENTIAL = [
    "Geheim punt",
    "Stuk bij geheim punt",
    "Vertrouwelijk stuk",
    "Besloten punt",
    "Besloten vergadering",
]
UNPUBLISHED = ["Ongepubliceerd concept", "Conceptvacature"]
RESIDENT = ["06-11111111", "a@b.nl"]
APPLICANT = ["Zwaantje", "Kandidaatsma", "zwaantje@kandidaat.example"]
FULL_IBAN = ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"]


def secrets_hidden_from(role: str) -> list[str]:
    """The bank account number whole is for the treasurer only (the export for the
    municipality, the declaration PDF); the rest follows S3, S4, D14 and S23."""
    hidden = [] if role == "treasurer" else list(FULL_IBAN)
    if role == "anonymous":
        return hidden + CONFIDENTIAL + UNPUBLISHED + RESIDENT + APPLICANT
    if role == "advisor":  # municipal staff: drafts in consultation only, nothing confidential
        return hidden + CONFIDENTIAL + UNPUBLISHED + RESIDENT + APPLICANT
    if role not in ("secretary", "chair"):
        hidden += RESIDENT + APPLICANT
    return hidden


ALLOW: dict[str, list[Case]] = {
    "admin": [C((LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN), path="/admin/")],
    "adviezen:ballot": [
        C((LOGIN, 200, 404, 200, 200, 200), pk="voting_advice", bpk="ballot"),
        C((LOGIN, 404, 404, 404, 404, 404), "another advice's", pk="draft_advice", bpk="ballot"),
    ],
    "adviezen:ballot_close": [
        C((LOGIN, 403, 403, 200, 403, 200), pk="voting_advice", bpk="ballot"),
        C((LOGIN, 403, 403, 404, 403, 404), "another advice's", pk="draft_advice", bpk="ballot"),
    ],
    "adviezen:ballot_open": [C((LOGIN, 403, 403, 200, 403, 200), pk="draft_advice")],
    "adviezen:chair_approve": [C((LOGIN, 403, 403, 403, 403, 200), pk="draft_advice")],
    "adviezen:compare": [
        C((LOGIN, 200, 404, 200, 200, 200), "draft", pk="draft_advice"),
        C((LOGIN, 200, 200, 200, 200, 200), "in consultation", pk="consulted_advice"),
    ],
    "adviezen:create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "adviezen:detail": [
        C((LOGIN, 200, 404, 200, 200, 200), "draft", pk="draft_advice"),
        C((LOGIN, 200, 200, 200, 200, 200), "in consultation", pk="consulted_advice"),
    ],
    "adviezen:dossier": [C((LOGIN, 200, 403, 200, 200, 200), pk="dossier")],
    "adviezen:dossier_action": [
        C(
            (LOGIN, 403, 403, 405, 403, 405),
            post=(LOGIN, 403, 403, 302, 403, 302),
            pk="dossier",
            action="accept",
        ),
    ],
    "adviezen:dossier_create": [C((LOGIN, 200, 403, 200, 200, 200))],
    "adviezen:dossier_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "adviezen:hands": [
        C(
            (LOGIN, 403, 403, 405, 403, 405),
            post=(LOGIN, 403, 403, 200, 403, 200),
            pk="voting_advice",
            bpk="ballot",
        ),
        C(
            (LOGIN, 403, 403, 405, 403, 405),
            "another advice's",
            post=(LOGIN, 403, 403, 404, 403, 404),
            pk="draft_advice",
            bpk="ballot",
        ),
    ],
    "adviezen:letter": [C((LOGIN, 404, 404, 404, 404, 404), pk="draft_advice")],
    "adviezen:list": [C((LOGIN, 200, 200, 200, 200, 200))],
    "adviezen:publish": [C((LOGIN, 403, 403, 200, 403, 403), pk="draft_advice")],
    "adviezen:request_document": [
        C((LOGIN, 200, 404, 200, 200, 200), "draft", pk="draft_advice"),
        C((LOGIN, 200, 200, 200, 200, 200), "in consultation", pk="consulted_advice"),
    ],
    "adviezen:response": [C((LOGIN, 403, 403, 200, 403, 403), pk="draft_advice")],
    "adviezen:response_document": [C((LOGIN, 200, 404, 200, 200, 200), pk="draft_advice")],
    "adviezen:send": [C((LOGIN, 403, 403, 200, 403, 403), pk="draft_advice")],
    "adviezen:sign": [C((LOGIN, 403, 403, 403, 403, 200), pk="draft_advice")],
    "adviezen:signal": [C((LOGIN, 404, 403, 200, 404, 200), pk="signal")],
    "adviezen:signal_create": [C((LOGIN, 200, 403, 200, 200, 200))],
    "adviezen:signal_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "adviezen:step": [
        C(
            (LOGIN, 403, 403, 405, 403, 405),
            post=(LOGIN, 403, 403, 302, 403, 302),
            pk="draft_advice",
        ),
    ],
    "adviezen:version": [
        C((LOGIN, 200, 404, 200, 200, 200), "draft", pk="draft_advice", number="one"),
        C((LOGIN, 200, 200, 200, 200, 200), "in consultation", pk="consulted_advice", number="one"),
    ],
    "adviezen:version_create": [C((LOGIN, 200, 403, 200, 200, 200), pk="draft_advice")],
    "adviezen:vote": [
        C(
            (LOGIN, 405, 403, 403, 405, 405),
            post=(LOGIN, 302, 403, 403, 302, 302),
            pk="voting_advice",
            bpk="ballot",
        ),
        C(
            (LOGIN, 405, 403, 403, 405, 405),
            "another advice's",
            post=(LOGIN, 404, 403, 403, 404, 404),
            pk="draft_advice",
            bpk="ballot",
        ),
    ],
    "adviezen:withdraw": [C((LOGIN, 403, 403, 200, 403, 200), pk="draft_advice")],
    "adviezen_public:detail": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_slug"),
        C((404, 404, 404, 404, 404, 404), "unpublished", slug="unpublished_slug"),
    ],
    "adviezen_public:feed": [C((200, 200, 200, 200, 200, 200))],
    "adviezen_public:list": [C((200, 200, 200, 200, 200, 200))],
    "adviezen_public:pdf": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_slug"),
        C((404, 404, 404, 404, 404, 404), "unpublished", slug="unpublished_slug"),
    ],
    "adviezen_public:request_document": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_slug"),
        C((404, 404, 404, 404, 404, 404), "unpublished", slug="unpublished_slug"),
    ],
    "adviezen_public:response_document": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_slug"),
        C((404, 404, 404, 404, 404, 404), "unpublished", slug="unpublished_slug"),
    ],
    "adviezen_public:signal": [C((200, 200, 200, 200, 200, 200))],
    "adviezen_public:signal_thanks": [C((200, 200, 200, 200, 200, 200))],
    "background:list": [C((LOGIN, 403, 403, 200, 403, 403))],
    "background:retry": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="outbox"),
    ],
    "budget:annual_report": [C((LOGIN, 403, 403, 200, 200, 200), year="year")],
    "budget:annual_report_pdf": [C((LOGIN, 403, 403, 200, 200, 200), year="year")],
    "budget:annual_report_publish": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), year="year"),
    ],
    "budget:annual_report_update": [C((LOGIN, 403, 403, 200, 403, 403), year="year")],
    "budget:declaration_approve": [
        C(
            (LOGIN, 403, 403, 403, 405, 403),
            post=(LOGIN, 403, 403, 403, 302, 403),
            pk="declaration",
        ),
    ],
    "budget:declaration_check": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="declaration",
        ),
    ],
    "budget:declaration_create": [C((LOGIN, 200, 403, 403, 200, 200))],
    "budget:declaration_detail": [C((LOGIN, 404, 403, 200, 200, 404), pk="declaration")],
    "budget:declaration_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "budget:declaration_paid": [
        C(
            (LOGIN, 403, 403, 403, 405, 403),
            post=(LOGIN, 403, 403, 403, 302, 403),
            pk="declaration",
        ),
    ],
    "budget:declaration_pdf": [C((LOGIN, 404, 403, 200, 200, 404), pk="declaration")],
    "budget:declaration_reject": [
        C(
            (LOGIN, 403, 403, 405, 405, 403),
            post=(LOGIN, 403, 403, 302, 302, 403),
            pk="declaration",
        ),
    ],
    "budget:declaration_sent": [
        C(
            (LOGIN, 403, 403, 403, 405, 403),
            post=(LOGIN, 403, 403, 403, 302, 403),
            pk="declaration",
        ),
    ],
    "budget:declaration_submit": [
        C(
            (LOGIN, 404, 403, 403, 405, 404),
            post=(LOGIN, 404, 403, 403, 302, 404),
            pk="declaration",
        ),
    ],
    "budget:declaration_withdraw": [
        C(
            (LOGIN, 404, 403, 403, 405, 404),
            post=(LOGIN, 404, 403, 403, 302, 404),
            pk="declaration",
        ),
    ],
    "budget:expense_create": [C((LOGIN, 403, 403, 200, 200, 403), year="year")],
    "budget:export_detail": [C((LOGIN, 403, 403, 403, 200, 403), pk="export")],
    "budget:export_download": [
        # the download is recorded (who fetched the bank details, when): a write on GET
        C((LOGIN, 403, 403, 403, 200, 403), pk="export", what="pdf", get_writes=True),
        C((LOGIN, 403, 403, 403, 200, 403), "csv", pk="export", what="csv", get_writes=True),
        C((LOGIN, 403, 403, 403, 404, 403), "unknown file", pk="export", what="accept"),
    ],
    "budget:export_list": [C((LOGIN, 403, 403, 403, 200, 403))],
    "budget:export_mark_sent": [C((LOGIN, 403, 403, 403, 200, 403), pk="export")],
    "budget:home": [C((302, 302, 302, 302, 302, 302))],
    "budget:iban": [C((LOGIN, 200, 403, 403, 200, 200))],
    "budget:line_allowances": [
        C(
            (LOGIN, 404, 403, 403, 405, 404),
            post=(LOGIN, 404, 403, 403, 404, 404),
            pk="declaration",
        ),
    ],
    "budget:line_delete": [
        C((LOGIN, 405, 403, 403, 405, 405), post=(LOGIN, 404, 403, 403, 404, 404), pk="line"),
    ],
    "budget:line_expense": [C((LOGIN, 404, 403, 403, 404, 404), pk="declaration")],
    "budget:line_journey": [C((LOGIN, 404, 403, 403, 404, 404), pk="declaration")],
    "budget:lines": [C((LOGIN, 403, 403, 200, 200, 403), year="year")],
    "budget:plan_publish": [
        C((LOGIN, 403, 403, 405, 405, 403), post=(LOGIN, 403, 403, 302, 302, 403), year="year"),
    ],
    "budget:publication_withdraw": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="public_publication",
        ),
    ],
    "budget:publications": [C((LOGIN, 403, 403, 200, 403, 403))],
    "budget:receipt_add": [C((LOGIN, 404, 403, 403, 404, 404), pk="declaration")],
    "budget:receipt_download": [C((LOGIN, 404, 403, 200, 200, 404), pk="receipt")],
    "budget:year_create": [C((LOGIN, 403, 403, 200, 200, 403))],
    "budget:year_detail": [C((LOGIN, 403, 403, 200, 200, 200), year="year")],
    "budget:year_list": [C((LOGIN, 403, 403, 200, 200, 200))],
    "budget:year_pdf": [C((LOGIN, 403, 403, 200, 200, 200), year="year")],
    "budget:year_status": [
        C((LOGIN, 403, 403, 405, 405, 403), post=(LOGIN, 403, 403, 404, 404, 403), year="year"),
    ],
    "budget:year_update": [C((LOGIN, 403, 403, 200, 200, 403), year="year")],
    "budget_public:file": [
        C((200, 200, 200, 200, 200, 200), "public", pk="public_publication"),
        C((404, 404, 404, 404, 404, 404), "withdrawn", pk="withdrawn_publication"),
    ],
    "budget_public:list": [C((200, 200, 200, 200, 200, 200))],
    "dashboard": [C((LOGIN, 200, 200, 200, 200, 200))],
    "favicon": [C((302, 302, 302, 302, 302, 302))],
    "healthz": [C((200, 200, 200, 200, 200, 200))],
    "home": [C((200, 200, 200, 200, 200, 200))],
    "login": [C((200, 302, 302, 302, 302, 302))],
    "login_verify": [C((LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN))],
    "logout": [C((405, 405, 405, 405, 405, 405), post=(302, 302, 302, 302, 302, 302))],
    "meetings:action_add": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 422, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:action_done": [
        C((LOGIN, 405, 403, 405, 405, 405), post=(LOGIN, 404, 403, 302, 404, 404), pk="action"),
    ],
    "meetings:action_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "meetings:apology": [C((LOGIN, 200, 404, 200, 200, 200), pk="closed_meeting")],
    "meetings:apology_withdraw": [
        C(
            (LOGIN, 405, 403, 405, 405, 405),
            post=(LOGIN, 302, 403, 302, 302, 302),
            pk="closed_meeting",
        )
    ],
    "meetings:attendance": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    "meetings:attendance_overview": [C((LOGIN, 403, 403, 200, 403, 403))],
    "meetings:cancel": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    "meetings:create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "meetings:detail": [C((LOGIN, 200, 403, 200, 200, 200), pk="closed_meeting")],
    "meetings:document": [C((404, 200, 404, 200, 200, 200), pk="secret_doc")],
    "meetings:document_add": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 422, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:document_delete": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="secret_doc"),
    ],
    "meetings:guest_add": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 422, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:guest_delete": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="guest"),
    ],
    "meetings:item_add": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 422, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:item_delete": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="closed_item",
        ),
    ],
    "meetings:item_move": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="closed_item",
        ),
    ],
    "meetings:item_update": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_item")],
    "meetings:list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "meetings:location_create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "meetings:location_delete": [C((LOGIN, 403, 403, 200, 403, 403), pk="location")],
    "meetings:location_list": [C((LOGIN, 403, 403, 200, 403, 403))],
    "meetings:location_update": [C((LOGIN, 403, 403, 200, 403, 403), pk="location")],
    "meetings:minutes": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    # a confirmation page first (irreversible)
    "meetings:minutes_approve": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    "meetings:minutes_pdf": [C((LOGIN, 200, 403, 200, 200, 200), pk="closed_meeting")],
    "meetings:minutes_schedule": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:pack_pdf": [C((LOGIN, 200, 403, 200, 200, 200), pk="closed_meeting")],
    "meetings:plan_year": [C((LOGIN, 403, 403, 200, 403, 403))],
    "meetings:reorder": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="closed_meeting",
        ),
    ],
    # a confirmation page first (irreversible)
    "meetings:send_pack": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    "meetings:transition": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="closed_meeting",
        ),
    ],
    "meetings:update": [C((LOGIN, 403, 403, 200, 403, 403), pk="closed_meeting")],
    "meetings:update_post": [C((LOGIN, 200, 404, 200, 200, 200), pk="closed_meeting")],
    "meetings_public:agenda_pdf": [
        C((200, 200, 200, 200, 200, 200), "public", pk="public_meeting"),
        C((404, 404, 404, 404, 404, 404), "not public", pk="closed_meeting"),
    ],
    "meetings_public:detail": [
        C((200, 200, 200, 200, 200, 200), "public", pk="public_meeting"),
        C((404, 404, 404, 404, 404, 404), "not public", pk="closed_meeting"),
    ],
    "meetings_public:document": [
        C((200, 200, 200, 200, 200, 200), "public", pk="public_doc"),
        C((404, 200, 404, 200, 200, 200), "on confidential item", pk="doc_on_secret_item"),
        C((404, 200, 404, 200, 200, 200), "confidential", pk="secret_doc"),
    ],
    "meetings_public:ical": [C((200, 200, 200, 200, 200, 200))],
    "meetings_public:ical_personal": [
        # The link is the member's own secret (renewed from their profile): whoever holds it
        # gets that member's calendar, internal meetings included.
        C(
            (200, 200, 200, 200, 200, 200),
            "other's",
            token="other_calendar_token",
            shown_to={"anonymous": CONFIDENTIAL, "advisor": CONFIDENTIAL},
        ),
        C((404, 404, 404, 404, 404, 404), "bogus", token="bogus_token"),
    ],
    "meetings_public:list": [C((200, 200, 200, 200, 200, 200))],
    "meetings_public:minutes_pdf": [
        C((404, 404, 404, 404, 404, 404), "public", pk="public_meeting"),
        C((404, 404, 404, 404, 404, 404), "not public", pk="closed_meeting"),
    ],
    "members:application_appoint": [C((LOGIN, 404, 404, 200, 404, 403), pk="application")],
    "members:application_assess": [
        C(
            (LOGIN, 404, 404, 405, 404, 405),
            post=(LOGIN, 404, 404, 302, 404, 302),
            pk="application",
        ),
    ],
    "members:application_cv": [C((LOGIN, 404, 404, 200, 404, 200), pk="application")],
    "members:application_detail": [C((LOGIN, 404, 404, 200, 404, 200), pk="application")],
    "members:application_transition": [
        C(
            (LOGIN, 404, 404, 405, 404, 405),
            post=(LOGIN, 404, 404, 302, 404, 302),
            pk="application",
        ),
    ],
    "members:appointment_document": [C((LOGIN, 403, 403, 200, 403, 403), pk="appointment")],
    "members:audit": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:calendar_token_renew": [
        C((LOGIN, 405, 405, 405, 405, 405), post=(LOGIN, 302, 302, 302, 302, 302)),
    ],
    "members:create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:detail": [C((LOGIN, 200, 403, 200, 200, 200), pk="other")],
    "members:group_create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:group_detail": [C((LOGIN, 200, 403, 200, 200, 200), pk="group")],
    "members:group_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "members:group_update": [C((LOGIN, 403, 403, 200, 403, 403), pk="group")],
    "members:interview_plan": [C((LOGIN, 404, 404, 200, 404, 200), pk="application")],
    "members:invitation": [
        C((200, 200, 200, 200, 200, 200), uidb64="bogus_uid", token="bogus_reset_token"),
    ],
    "members:invitation_resend": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="other"),
    ],
    "members:list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "members:membership_add": [C((LOGIN, 403, 403, 200, 403, 403), pk="group")],
    "members:membership_end": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="membership"),
    ],
    "members:onboarding_member": [C((LOGIN, 404, 404, 200, 404, 404), pk="other")],
    "members:onboarding_overview": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:onboarding_start": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:onboarding_step_retire": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="step"),
    ],
    "members:onboarding_step_update": [C((LOGIN, 403, 403, 200, 403, 403), pk="step")],
    "members:onboarding_steps": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:onboarding_steps_example": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403)),
    ],
    "members:onboarding_toggle": [
        C((LOGIN, 405, 405, 405, 405, 405), post=(LOGIN, 404, 404, 302, 404, 404), pk="task"),
    ],
    "members:profile": [C((LOGIN, 200, 200, 200, 200, 200))],
    "members:seat_planning": [C((LOGIN, 200, 403, 200, 200, 200))],
    "members:settings": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:term_create": [C((LOGIN, 403, 403, 200, 403, 403), pk="other")],
    "members:term_end": [C((LOGIN, 403, 403, 200, 403, 403), pk="other_term")],
    "members:toggle_active": [
        C((LOGIN, 403, 403, 405, 403, 403), post=(LOGIN, 403, 403, 302, 403, 403), pk="other"),
    ],
    "members:update": [C((LOGIN, 403, 403, 200, 403, 403), pk="other")],
    "members:vacancy_create": [C((LOGIN, 403, 403, 200, 403, 403))],
    "members:vacancy_detail": [C((LOGIN, 404, 403, 200, 404, 404), pk="draft_vacancy")],
    "members:vacancy_letter": [C((LOGIN, 404, 403, 302, 404, 302), pk="draft_vacancy")],
    "members:vacancy_list": [C((LOGIN, 200, 403, 200, 200, 200))],
    "members:vacancy_transition": [
        C(
            (LOGIN, 403, 403, 405, 403, 403),
            post=(LOGIN, 403, 403, 302, 403, 403),
            pk="draft_vacancy",
        ),
    ],
    "members:vacancy_update": [C((LOGIN, 404, 404, 200, 404, 404), pk="draft_vacancy")],
    "notifications:list": [C((LOGIN, 200, 200, 200, 200, 200))],
    "notifications:preferences": [C((LOGIN, 200, 200, 200, 200, 200))],
    "notifications:read": [
        C(
            (LOGIN, 405, 405, 405, 405, 405),
            post=(LOGIN, 404, 404, 404, 404, 404),
            pk="notification",
        ),
    ],
    "notifications:read_all": [
        C((LOGIN, 405, 405, 405, 405, 405), post=(LOGIN, 302, 302, 302, 302, 302)),
    ],
    "opendata:accessibility": [C((200, 200, 200, 200, 200, 200))],
    "opendata:agendapunt": [
        C((200, 200, 200, 200, 200, 200), "public", id="public_item"),
        C((404, 404, 404, 404, 404, 404), "confidential", id="secret_item"),
        C((404, 404, 404, 404, 404, 404), "not public meeting", id="closed_item"),
    ],
    "opendata:agendapunten": [C((200, 200, 200, 200, 200, 200))],
    "opendata:api_root": [C((200, 200, 200, 200, 200, 200))],
    "opendata:api_not_found": [C((404, 404, 404, 404, 404, 404), rest="unknown")],
    "opendata:informatieobject": [
        C((200, 200, 200, 200, 200, 200), "public agenda", id="public_agenda_doc"),
        C((404, 404, 404, 404, 404, 404), "not public meeting", id="closed_agenda_doc"),
        C((200, 200, 200, 200, 200, 200), "published advice", id="published_advice_doc"),
        C((404, 404, 404, 404, 404, 404), "unpublished advice", id="unpublished_advice_doc"),
    ],
    "opendata:informatieobjecten": [C((200, 200, 200, 200, 200, 200))],
    "opendata:openapi": [C((200, 200, 200, 200, 200, 200))],
    "opendata:robots": [C((200, 200, 200, 200, 200, 200))],
    "opendata:sitemap": [
        C((200, 200, 200, 200, 200, 200), "advices", slug="advices_category", number="one"),
        C((200, 200, 200, 200, 200, 200), "meetings", slug="meetings_category", number="one"),
    ],
    "opendata:sitemap_index": [
        C((200, 200, 200, 200, 200, 200), "advices", slug="advices_category"),
        C((200, 200, 200, 200, 200, 200), "meetings", slug="meetings_category"),
    ],
    "opendata:vergadering": [
        C((200, 200, 200, 200, 200, 200), "public", id="public_meeting"),
        C((404, 404, 404, 404, 404, 404), "not public", id="closed_meeting"),
    ],
    "opendata:vergaderingen": [C((200, 200, 200, 200, 200, 200))],
    "opendata:working_on": [C((200, 200, 200, 200, 200, 200))],
    "password_change": [C((LOGIN, 200, 200, 200, 200, 200))],
    "password_change_done": [C((LOGIN, 200, 200, 200, 200, 200))],
    "password_reset": [C((200, 200, 200, 200, 200, 200))],
    "password_reset_complete": [C((200, 200, 200, 200, 200, 200))],
    "password_reset_confirm": [
        C((200, 200, 200, 200, 200, 200), uidb64="bogus_uid", token="bogus_reset_token"),
    ],
    "password_reset_done": [C((200, 200, 200, 200, 200, 200))],
    "privacy": [C((200, 200, 200, 200, 200, 200))],
    "set_language": [C((405, 405, 405, 405, 405, 405), post=(302, 302, 302, 302, 302, 302))],
    "two_factor": [C((LOGIN, 200, 200, 200, 200, 200))],
    "two_factor_codes": [
        C((LOGIN, 405, 405, 405, 405, 405), post=(LOGIN, 403, 403, 403, 403, 403)),
    ],
    "two_factor_disable": [
        C((LOGIN, 405, 405, 405, 405, 405), post=(LOGIN, 302, 302, 302, 302, 302)),
    ],
    "vacancies_public:apply": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_vacancy_slug"),
        C((404, 404, 404, 404, 404, 404), "draft", slug="draft_vacancy_slug"),
    ],
    "vacancies_public:detail": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_vacancy_slug"),
        C((404, 404, 404, 404, 404, 404), "draft", slug="draft_vacancy_slug"),
    ],
    "vacancies_public:list": [C((200, 200, 200, 200, 200, 200))],
    "vacancies_public:thanks": [
        C((200, 200, 200, 200, 200, 200), "published", slug="published_vacancy_slug"),
        C((404, 404, 404, 404, 404, 404), "draft", slug="draft_vacancy_slug"),
    ],
}
