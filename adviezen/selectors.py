"""Every query the adviezen pages need, scoped to the asking user.

Public pages use ONE published-only selector, :func:`advice_public_qs` (docs/rules.md S3).
"""

from __future__ import annotations

import datetime
import difflib

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from members.selectors import council_settings_get

from .models import (
    Advice,
    AdviceTransition,
    AdviceVersion,
    Ballot,
    BallotVoter,
    CollegeResponse,
    Comment,
    Dossier,
    Signal,
    Vote,
)
from .rules import (
    ADVICE_PERMISSIONS,
    AdviceActions,
    AdviceFacts,
    advice_actions,
    deadline_window,
    may_vote_in_app,
    response_overdue_if_sent_before,
)
from .search import advice_search, is_postgres
from .tally import ballot_tally

# --- public -----------------------------------------------------------------------------


def advice_public_qs() -> QuerySet[Advice]:
    """The only advices the public may see: published and marked for the site."""
    return Advice.objects.filter(
        status=Advice.Status.PUBLISHED, is_public=True, published_at__isnull=False
    )


def advice_public_list(*, q: str = "") -> QuerySet[Advice]:
    """Published advices for the list and feed, newest first, with their response date."""
    qs = (
        advice_public_qs()
        .select_related("response")
        .only(
            "title",
            "slug",
            "reference",
            "origin",
            "kind",
            "domain",
            "summary",
            "published_at",
            "sent_at",
            "status",
            "is_public",
            "response__received_on",
            "response__advice_id",
        )
        .order_by("-published_at", "-pk")
    )
    q = (q or "").strip()[:200]
    if q:
        qs = advice_search(qs, q)
    return qs


def advice_public_get(*, slug: str) -> Advice:
    try:
        return advice_public_qs().select_related("response", "signed_by").get(slug=slug)
    except Advice.DoesNotExist as exc:
        raise Http404 from exc


def advice_public_detail(*, slug: str) -> Advice:
    """The public detail page: the advice and the college's response (nothing else joined)."""
    try:
        return advice_public_qs().select_related("response").get(slug=slug)
    except Advice.DoesNotExist as exc:
        raise Http404 from exc


def advice_public_latest(*, limit: int = 3) -> list[Advice]:
    """The newest published advices (home page, RSS)."""
    return list(advice_public_list()[:limit])


def advice_public_summary() -> dict:
    """What ``/adviezen/`` needs besides its page, in one query on the public-list index:
    the number of public advices, and the year filter's choices, newest first, from the year
    of the first publication to that of the last (the two ends of the index, instead of a
    distinct year for every advice, which reads them all)."""
    found = advice_public_qs().aggregate(
        total=Count("pk"), first=Min("published_at"), last=Max("published_at")
    )
    years: list[int] = []
    if found["total"]:
        first, last = (timezone.localtime(found[end]).year for end in ("first", "last"))
        years = list(range(last, first - 1, -1))
    return {"total": found["total"], "years": years}


# --- internal ---------------------------------------------------------------------------


def advice_list(*, user) -> QuerySet[Advice]:
    """Members see every advice; policy advisors only those in consultation."""
    qs = Advice.objects.select_related("dossier", "working_group").order_by("-created_at", "-pk")
    if user.has_perm("adviezen.view_internal"):
        return qs
    if user.has_perm("adviezen.consult_advice"):
        return qs.filter(status=Advice.Status.CONSULTATION)
    return qs.none()


def advice_get_for_user(*, user, pk: int, history: bool = False) -> Advice:
    """The advice as ``user`` may see it (404 otherwise), with the people and the response
    its pages name; with ``history`` also its versions (newest first) and status history."""
    qs = advice_list(user=user).select_related(
        "signal", "signed_by", "chair_approved_by", "response"
    )
    if history:
        qs = qs.prefetch_related(
            Prefetch(
                "versions",
                queryset=AdviceVersion.objects.select_related("author").order_by("-number"),
            ),
            Prefetch("transitions", queryset=_transitions()),
        )
    try:
        return qs.get(pk=pk)
    except Advice.DoesNotExist as exc:
        raise Http404 from exc


def advice_versions(*, advice: Advice) -> list[AdviceVersion]:
    """The advice's versions, newest first."""
    return list(advice.versions.order_by("-number"))


def advice_perms(*, user) -> frozenset[str]:
    """The user's permissions that the advice rules read (``rules.ADVICE_PERMISSIONS``)."""
    return frozenset(p for p in ADVICE_PERMISSIONS if user.has_perm(p))


def advice_actions_for_user(*, user, advice: Advice) -> AdviceActions:
    """What ``user`` may do with ``advice`` (``rules.advice_actions``), for an advice read with
    :func:`advice_get_for_user` with ``history`` (its versions and response are loaded: no
    query)."""
    facts = AdviceFacts(
        status=advice.status,
        formal=advice.is_formal,
        has_versions=bool(advice.versions.all()),
        signed=advice.signed_at is not None,
        sent=advice.sent_at is not None,
        answered=hasattr(advice, "response"),
        next_statuses=frozenset(s for s in Advice.Status.values if advice.can_transition_to(s)),
    )
    return advice_actions(facts=facts, perms=advice_perms(user=user))


def _transitions() -> QuerySet[AdviceTransition]:
    return AdviceTransition.objects.select_related("by").order_by("at", "pk")


def version_get(*, advice: Advice, number: int) -> AdviceVersion:
    try:
        return (
            AdviceVersion.objects.select_related("author")
            .prefetch_related(
                Prefetch("comments", queryset=Comment.objects.select_related("author"))
            )
            .get(advice=advice, number=number)
        )
    except AdviceVersion.DoesNotExist as exc:
        raise Http404 from exc


def ballot_get_for_user(*, user, advice: Advice, pk: int) -> Ballot:
    try:
        return Ballot.objects.select_related("version", "opened_by", "closed_by").get(
            advice=advice, pk=pk
        )
    except Ballot.DoesNotExist as exc:
        raise Http404 from exc


def ballot_state_for_user(*, user, ballot: Ballot) -> dict:
    """What a user sees of a ballot: their own vote, whether they may vote (not in the app when
    the secretary records the counts of a show of hands), the count so far, and — only when the
    council allows it (and never for advisors) — who voted what (docs/rules.md, S6)."""
    my_vote = Vote.objects.filter(ballot=ballot, member_id=user.pk).first()
    eligible = BallotVoter.objects.filter(ballot=ballot, member_id=user.pk).exists()
    cs = council_settings_get()
    show_votes = (
        cs.votes_visible_to_members and user.has_perm("adviezen.view_internal")
    ) or user.has_perm("adviezen.manage_ballot")
    votes = []
    if show_votes:
        votes = list(ballot.votes.select_related("member").order_by("member__last_name"))
    tally = ballot_tally(ballot)
    app_voting = may_vote_in_app(tally=ballot.tally)
    return {
        "my_vote": my_vote,
        "eligible": eligible,
        "app_voting": app_voting,
        "can_vote": eligible
        and app_voting
        and ballot.is_open
        and user.has_perm("adviezen.cast_vote"),
        "votes": votes,
        "show_votes": show_votes,
        "counts": {"yes": tally.yes, "against": tally.against, "abstain": tally.abstain},
        "voted": tally.cast,
    }


def dossier_list(*, user) -> QuerySet[Dossier]:
    if not user.has_perm("adviezen.view_internal"):
        return Dossier.objects.none()
    return Dossier.objects.select_related(
        "working_group", "contact_person", "duplicate_of"
    ).annotate(
        advice_count=Count("advices", distinct=True), signal_count=Count("signals", distinct=True)
    )


def dossier_get_for_user(*, user, pk: int) -> Dossier:
    try:
        return dossier_list(user=user).get(pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


def dossier_similar(*, dossier: Dossier, limit: int = 5) -> list[Dossier]:
    """Existing accepted/proposed dossiers that may cover the same theme.

    PostgreSQL: full-text rank (Dutch) of the proposal's title words OR-ed together against
    title and description. Elsewhere: ``difflib`` ratio on titles and shared words.
    """
    others = Dossier.objects.exclude(pk=dossier.pk).exclude(status=Dossier.Status.REJECTED)
    words = [w for w in _words(dossier.title) if len(w) > 2]
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        if not words:
            return []
        query = None
        for w in words:
            part = SearchQuery(w, config="dutch")
            query = part if query is None else query | part
        vector = SearchVector("title", weight="A", config="dutch") + SearchVector(
            "description", weight="B", config="dutch"
        )
        return list(
            others.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank")[:limit]
        )
    scored = []
    mine = set(words)
    for other in others.only("title", "description", "status", "domain"):
        ratio = difflib.SequenceMatcher(None, dossier.title.lower(), other.title.lower()).ratio()
        shared = mine & set(_words(other.title + " " + other.description))
        score = ratio + 0.2 * len(shared)
        if score >= 0.45:
            scored.append((score, other))
    scored.sort(key=lambda t: -t[0])
    return [o for _s, o in scored[:limit]]


def _words(text: str) -> list[str]:
    import re

    return [w.lower() for w in re.findall(r"\w+", text or "")]


def signal_list(*, user) -> QuerySet[Signal]:
    """The triage board (secretary and chair) sees every signal; a member their own."""
    qs = Signal.objects.select_related("dossier", "recorded_by")
    if user.has_perm("adviezen.triage_signal"):
        return qs
    if user.has_perm("adviezen.record_signal"):
        return qs.filter(recorded_by=user)
    return qs.none()


def signal_get_for_user(*, user, pk: int) -> Signal:
    try:
        return signal_list(user=user).prefetch_related("transitions__by").get(pk=pk)
    except Signal.DoesNotExist as exc:
        raise Http404 from exc


# --- dashboard --------------------------------------------------------------------------


def my_open_ballots(*, user) -> list[Ballot]:
    return list(
        Ballot.objects.filter(status="open", voters__member_id=user.pk)
        .select_related("advice", "version")
        .annotate(my_votes=Count("votes", filter=Q(votes__member_id=user.pk), distinct=True))
        .order_by("deadline")
    )


def advices_due(*, user, today: datetime.date, weeks: int = 4) -> list[Advice]:
    """Advices not yet sent whose deadline is near (``rules.deadline_window``)."""
    first, last = deadline_window(today=today, weeks=weeks)
    return list(
        advice_list(user=user)
        .filter(deadline__gte=first, deadline__lte=last, status__in=Advice.NOT_YET_SENT)
        .order_by("deadline")
    )


def signals_waiting(*, user) -> list[Signal]:
    if not user.has_perm("adviezen.triage_signal"):
        return []
    return list(Signal.objects.filter(status__in=Signal.OPEN_STATUSES).order_by("received_at"))


def responses_overdue(*, today: datetime.date) -> QuerySet[Advice]:
    """Sent formal advices whose college response is overdue on ``today``
    (``rules.response_is_overdue`` as a query, with the council's response term), oldest
    first."""
    before = response_overdue_if_sent_before(
        today=today, weeks=council_settings_get().response_deadline_weeks
    )
    return Advice.objects.filter(
        kind=Advice.Kind.FORMAL,
        status__in=[Advice.Status.SENT, Advice.Status.PUBLISHED],
        sent_at__date__lt=before,
        response__isnull=True,
    ).order_by("sent_at", "pk")


# --- annual report (budget app) ---------------------------------------------------------


def advice_year_summary(*, year: int) -> dict:
    """Advices for the annual report: requested / unsolicited by outcome, and the college's
    average response time in days.

    An advice counts in ``year`` when it was requested that year (requested) or created that
    year (unsolicited). Outcome: ``sent`` (sent or published formal), ``shared`` (informal
    published), ``withdrawn``, ``open`` (still in progress).
    """
    qs = Advice.objects.filter(
        Q(origin=Advice.Origin.REQUESTED, request_date__year=year)
        | Q(origin=Advice.Origin.UNSOLICITED, created_at__year=year)
    )

    def outcome(a_status: str, kind: str) -> str:
        if a_status == Advice.Status.WITHDRAWN:
            return "withdrawn"
        if a_status in (Advice.Status.SENT, Advice.Status.PUBLISHED):
            return "sent" if kind == Advice.Kind.FORMAL else "shared"
        return "open"

    result = {
        "year": year,
        "requested": {"total": 0, "sent": 0, "shared": 0, "withdrawn": 0, "open": 0},
        "unsolicited": {"total": 0, "sent": 0, "shared": 0, "withdrawn": 0, "open": 0},
    }
    for origin, status, kind in qs.values_list("origin", "status", "kind"):
        bucket = result[origin]
        bucket["total"] += 1
        bucket[outcome(status, kind)] += 1
    responses = CollegeResponse.objects.filter(
        advice__sent_at__isnull=False, received_on__year=year
    ).select_related("advice")
    days = [(r.received_on - timezone.localtime(r.advice.sent_at).date()).days for r in responses]
    result["responses"] = len(days)
    # to the nearest whole day, halves up (round() would take 10.5 to 10, 11.5 to 12)
    result["average_response_days"] = (
        (2 * sum(days) + len(days)) // (2 * len(days)) if days else None
    )
    result["total"] = result["requested"]["total"] + result["unsolicited"]["total"]
    return result


def signal_year_summary(*, year: int) -> dict:
    """Signals received in ``year``: total, per source and per (current, final) status."""
    qs = Signal.objects.filter(received_at__year=year)
    per_status = {s: 0 for s in Signal.Status.values}
    per_source = {s: 0 for s in Signal.Source.values}
    for status, source in qs.values_list("status", "source"):
        per_status[status] += 1
        per_source[source] += 1
    return {
        "year": year,
        "received": sum(per_status.values()),
        "per_status": per_status,
        "per_source": per_source,
    }
