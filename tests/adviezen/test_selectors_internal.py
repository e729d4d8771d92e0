"""The internal advice selectors: which advices, versions, ballots, dossiers and signals each
role may read (404 otherwise), in which order, what a user may do and see of a ballot, and in
how many queries the pages read them (docs/rules.md, S6)."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from adviezen import rules, selectors
from adviezen.models import (
    Advice,
    AdviceTransition,
    Ballot,
    BallotVoter,
    Comment,
    SignalTransition,
    Vote,
)
from members.models import CouncilSettings
from tests.factories.adviezen import (
    AdviceFactory,
    DossierFactory,
    SignalFactory,
    VersionFactory,
    college_response,
)
from tests.factories.members import UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _warm(user):
    """Read the user's permissions once (Django caches them on the user)."""
    user.has_perm("adviezen.view_internal")
    return user


def _created(advice: Advice, moment: datetime.datetime) -> Advice:
    Advice.objects.filter(pk=advice.pk).update(created_at=moment)
    return advice


# --- advice_list --------------------------------------------------------------------------


def test_a_member_sees_every_advice_newest_first_and_the_newest_id_first_on_the_same_moment(
    member,
):
    moment = timezone.now() - datetime.timedelta(days=3)
    first = _created(AdviceFactory(status="consultation"), moment)
    second = _created(AdviceFactory(status="published"), moment)
    old = _created(AdviceFactory(status="draft"), moment - datetime.timedelta(days=1))
    assert list(selectors.advice_list(user=member)) == [second, first, old]


def test_an_advisor_sees_only_the_advices_in_consultation(advisor):
    AdviceFactory(status="draft")
    AdviceFactory(status="voting")
    shown = AdviceFactory(status="consultation")
    AdviceFactory(status="published")
    assert list(selectors.advice_list(user=advisor)) == [shown]


def test_someone_without_a_role_sees_no_advice():
    AdviceFactory(status="consultation")
    AdviceFactory(status="published")
    assert list(selectors.advice_list(user=UserFactory())) == []


def test_the_advice_list_reads_dossier_and_working_group_in_the_same_query(
    member, django_assert_num_queries
):
    for _n in range(3):
        AdviceFactory(dossier=DossierFactory(), working_group=WorkingGroupFactory())
    _warm(member)
    with django_assert_num_queries(1):
        rows = [(a.dossier.title, a.working_group.name) for a in selectors.advice_list(user=member)]
    assert len(rows) == 3


# --- advice_get_for_user ------------------------------------------------------------------


def test_an_advice_outside_what_the_user_may_see_is_not_found(member, advisor):
    draft = AdviceFactory(status="draft")
    consulted = AdviceFactory(status="consultation")
    assert selectors.advice_get_for_user(user=member, pk=draft.pk) == draft
    assert selectors.advice_get_for_user(user=advisor, pk=consulted.pk) == consulted
    with pytest.raises(Http404):
        selectors.advice_get_for_user(user=advisor, pk=draft.pk)
    with pytest.raises(Http404):
        selectors.advice_get_for_user(user=UserFactory(), pk=consulted.pk)
    with pytest.raises(Http404):
        selectors.advice_get_for_user(user=member, pk=consulted.pk + 1000)


def _full_advice(secretary, chair):
    signal = SignalFactory(title="Het signaal")
    advice = AdviceFactory(
        status="sent",
        signal=signal,
        signed_by=chair,
        chair_approved_by=chair,
        sent_at=timezone.now(),
    )
    college_response(advice, summary="Overgenomen.")
    return advice


def test_an_advice_is_read_with_its_signal_signer_approver_and_response_in_one_query(
    member, secretary, chair, django_assert_num_queries
):
    advice = _full_advice(secretary, chair)
    VersionFactory(advice=advice, number=1)
    _warm(member)
    with django_assert_num_queries(1):
        got = selectors.advice_get_for_user(user=member, pk=advice.pk)
        assert (
            got.signal.title,
            got.signed_by.last_name,
            got.chair_approved_by.last_name,
            got.response.summary,
        ) == ("Het signaal", "Voorzitter", "Voorzitter", "Overgenomen.")


def test_with_history_the_versions_newest_first_and_the_status_history_oldest_first_come_along(
    member, secretary, chair, django_assert_num_queries
):
    advice = _full_advice(secretary, chair)
    for number in (1, 3, 2):
        VersionFactory(advice=advice, number=number, author=member)
    start = timezone.now() - datetime.timedelta(days=5)
    steps = [
        ("draft", secretary, start + datetime.timedelta(days=1)),
        ("preparation", secretary, start),
        # at the same moment: the sending is written to the table first, the approval has the
        # lower id
        ("sent", secretary, start + datetime.timedelta(days=2)),
        ("approved", chair, start + datetime.timedelta(days=2)),
    ]
    base = (AdviceTransition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 10
    for n, (to, by, at) in enumerate(steps):
        pk = base + (5 - n if to in ("sent", "approved") else n)
        AdviceTransition.objects.create(pk=pk, advice=advice, to_status=to, by=by)
        AdviceTransition.objects.filter(pk=pk).update(at=at)
    _warm(member)
    with django_assert_num_queries(3):  # the advice, its versions, its transitions
        got = selectors.advice_get_for_user(user=member, pk=advice.pk, history=True)
        versions = [(v.number, v.author.last_name) for v in got.versions.all()]
        history = [(t.to_status, t.by.last_name) for t in got.transitions.all()]
    assert versions == [(3, "Lid"), (2, "Lid"), (1, "Lid")]
    assert [h[0] for h in history] == ["preparation", "draft", "approved", "sent"]
    assert history[2][1] == "Voorzitter"


def test_without_history_nothing_more_is_read(member, django_assert_num_queries):
    advice = AdviceFactory(status="draft")
    _warm(member)
    with django_assert_num_queries(1):
        selectors.advice_get_for_user(user=member, pk=advice.pk)


# --- advice_versions / advice_perms -------------------------------------------------------


def test_the_versions_of_an_advice_are_newest_first():
    advice = AdviceFactory()
    versions = {n: VersionFactory(advice=advice, number=n) for n in (2, 1, 3)}
    VersionFactory(advice=AdviceFactory(), number=9)
    assert selectors.advice_versions(advice=advice) == [versions[3], versions[2], versions[1]]


def test_the_advice_permissions_are_those_the_users_roles_grant(secretary, advisor, chair):
    assert selectors.advice_perms(user=secretary) == {
        rules.MANAGE,
        rules.BALLOT,
        rules.WRITE,
        rules.COMMENT,
        rules.VIEW_INTERNAL,
    }
    assert selectors.advice_perms(user=advisor) == {rules.CONSULT, rules.COMMENT}
    assert rules.APPROVE in selectors.advice_perms(user=chair)
    assert selectors.advice_perms(user=UserFactory()) == frozenset()


# --- advice_actions_for_user --------------------------------------------------------------


def _actions(user, advice):
    got = selectors.advice_get_for_user(user=user, pk=advice.pk, history=True)
    return selectors.advice_actions_for_user(user=user, advice=got)


def test_the_actions_on_an_advice_read_with_history_cost_no_query(
    secretary, chair, django_assert_num_queries
):
    advice = _full_advice(secretary, chair)
    VersionFactory(advice=advice, number=1)
    got = selectors.advice_get_for_user(user=_warm(secretary), pk=advice.pk, history=True)
    with django_assert_num_queries(0):
        actions = selectors.advice_actions_for_user(user=secretary, advice=got)
    assert actions.respond is False  # the response is there


def test_a_draft_offers_the_steps_its_table_allows(secretary):
    advice = AdviceFactory(status="draft")
    assert _actions(secretary, advice).steps == ("consultation", "withdrawn")
    advice = AdviceFactory(status="consultation")
    assert _actions(secretary, advice).steps == ("draft", "withdrawn")


def test_the_chair_approves_and_a_ballot_opens_only_once_there_is_a_version(chair):
    advice = AdviceFactory(status="draft")
    before = _actions(chair, advice)
    assert (before.approve, before.open_ballot) == (False, False)
    VersionFactory(advice=advice, number=1)
    after = _actions(chair, advice)
    assert (after.approve, after.open_ballot) == (True, True)


def test_an_approved_formal_advice_is_sent_and_an_informal_one_published(secretary):
    formal = _actions(secretary, AdviceFactory(status="approved", kind="formal"))
    informal = _actions(secretary, AdviceFactory(status="approved", kind="informal"))
    assert (formal.send, formal.publish) == (True, False)
    assert (informal.send, informal.publish) == (False, True)


def test_the_chair_signs_an_approved_formal_advice_once(chair):
    unsigned = AdviceFactory(status="approved")
    signed = AdviceFactory(status="approved", signed_at=timezone.now(), signed_by=chair)
    assert _actions(chair, unsigned).sign is True
    assert _actions(chair, signed).sign is False


def test_a_sent_advice_is_published_only_once_its_letter_went_out(secretary):
    went_out = AdviceFactory(status="sent", sent_at=timezone.now())
    asked = AdviceFactory(status="sent", send_requested_at=timezone.now())
    assert _actions(secretary, went_out).publish is True
    assert _actions(secretary, asked).publish is False


def test_the_colleges_response_is_registered_once(secretary):
    advice = AdviceFactory(status="sent", sent_at=timezone.now())
    assert _actions(secretary, advice).respond is True
    college_response(advice)
    assert _actions(secretary, advice).respond is False


# --- version_get --------------------------------------------------------------------------


def test_a_version_is_read_with_its_author_and_its_comments_with_theirs_in_two_queries(
    member, other_member, django_assert_num_queries
):
    advice = AdviceFactory()
    version = VersionFactory(advice=advice, number=1, author=member)
    VersionFactory(advice=advice, number=2)
    for text in ("Eens.", "Oneens."):
        Comment.objects.create(version=version, author=other_member, text=text)
    with django_assert_num_queries(2):
        got = selectors.version_get(advice=advice, number=1)
        comments = sorted((c.text, c.author.last_name) for c in got.comments.all())
        assert got.author.last_name == "Lid"
    assert got == version and comments == [("Eens.", "Anderlid"), ("Oneens.", "Anderlid")]


def test_a_version_of_another_advice_or_number_is_not_found():
    advice = AdviceFactory()
    VersionFactory(advice=advice, number=1)
    other = AdviceFactory()
    VersionFactory(advice=other, number=2)
    with pytest.raises(Http404):
        selectors.version_get(advice=advice, number=2)
    with pytest.raises(Http404):
        selectors.version_get(advice=other, number=1)


# --- ballots ------------------------------------------------------------------------------


def _ballot(advice=None, *, status="open", tally="members", voters=(), **kwargs) -> Ballot:
    advice = advice or AdviceFactory(status="voting")
    version = VersionFactory(advice=advice, number=advice.versions.count() + 1)
    ballot = Ballot.objects.create(
        advice=advice,
        version=version,
        status=status,
        tally=tally,
        opened_on=timezone.localdate(),
        threshold_percent=50,
        basis="cast",
        quorum_percent=50,
        eligible_count=len(voters),
        **kwargs,
    )
    BallotVoter.objects.bulk_create([BallotVoter(ballot=ballot, member=m) for m in voters])
    return ballot


def test_a_ballot_is_read_with_its_version_and_who_opened_and_closed_it_in_one_query(
    secretary, chair, django_assert_num_queries
):
    ballot = _ballot(status="closed", opened_by=secretary, closed_by=chair)
    with django_assert_num_queries(1):
        got = selectors.ballot_get_for_user(user=secretary, advice=ballot.advice, pk=ballot.pk)
        assert (got.version.number, got.opened_by.last_name, got.closed_by.last_name) == (
            1,
            "Secretaris",
            "Voorzitter",
        )


def test_a_ballot_of_another_advice_is_not_found(secretary):
    ballot = _ballot()
    with pytest.raises(Http404):
        selectors.ballot_get_for_user(user=secretary, advice=AdviceFactory(), pk=ballot.pk)


def test_a_ballot_is_found_by_its_number_among_those_of_its_advice(secretary):
    closed = _ballot(status="closed")
    reopened = _ballot(closed.advice)
    get = selectors.ballot_get_for_user
    assert get(user=secretary, advice=closed.advice, pk=closed.pk) == closed
    assert get(user=secretary, advice=closed.advice, pk=reopened.pk) == reopened


def _visible(votes_visible: bool):
    cs, _ = CouncilSettings.objects.get_or_create(pk=1)
    cs.votes_visible_to_members = votes_visible
    cs.save()


def test_a_voter_sees_their_own_vote_and_the_count_but_not_who_voted_what(member, other_member):
    _visible(False)
    ballot = _ballot(voters=[member, other_member])
    mine = Vote.objects.create(ballot=ballot, member=member, choice="yes")
    Vote.objects.create(ballot=ballot, member=other_member, choice="against")
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert state == {
        "my_vote": mine,
        "eligible": True,
        "app_voting": True,
        "can_vote": True,
        "votes": [],
        "show_votes": False,
        "counts": {"yes": 1, "against": 1, "abstain": 0},
        "voted": 2,
    }


def test_the_ballot_state_with_every_vote_shown_takes_five_queries(
    secretary, member, other_member, chair, django_assert_num_queries
):
    ballot = _ballot(voters=[member, other_member, chair])
    for person in (member, other_member, chair):
        Vote.objects.create(ballot=ballot, member=person, choice="yes")
    _visible(False)
    _warm(secretary)
    # own vote, on the list, the council's settings, the votes with their voters, the count
    with django_assert_num_queries(5):
        state = selectors.ballot_state_for_user(user=secretary, ballot=ballot)
        names = [v.member.last_name for v in state["votes"]]
    assert names == ["Anderlid", "Lid", "Voorzitter"]


def test_members_see_who_voted_what_only_when_the_council_allows_it(member, other_member):
    ballot = _ballot(voters=[member, other_member])
    Vote.objects.create(ballot=ballot, member=member, choice="yes")
    Vote.objects.create(ballot=ballot, member=other_member, choice="abstain")
    _visible(True)
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert state["show_votes"] is True
    # by last name: Anderlid before Lid
    assert [(v.member.last_name, v.choice) for v in state["votes"]] == [
        ("Anderlid", "abstain"),
        ("Lid", "yes"),
    ]
    assert state["counts"] == {"yes": 1, "against": 0, "abstain": 1} and state["voted"] == 2


def test_an_advisor_never_sees_who_voted_what(advisor, member):
    _visible(True)
    ballot = _ballot(AdviceFactory(status="consultation"), voters=[member])
    Vote.objects.create(ballot=ballot, member=member, choice="yes")
    state = selectors.ballot_state_for_user(user=advisor, ballot=ballot)
    assert (state["show_votes"], state["votes"], state["eligible"], state["can_vote"]) == (
        False,
        [],
        False,
        False,
    )
    assert state["my_vote"] is None


def test_whoever_manages_ballots_sees_who_voted_what_even_when_members_may_not(secretary, member):
    _visible(False)
    ballot = _ballot(voters=[member])
    Vote.objects.create(ballot=ballot, member=member, choice="against")
    state = selectors.ballot_state_for_user(user=secretary, ballot=ballot)
    assert state["show_votes"] is True and [v.choice for v in state["votes"]] == ["against"]
    assert state["eligible"] is False and state["can_vote"] is False


def test_a_member_who_is_not_a_voter_may_not_vote(member, other_member):
    ballot = _ballot(voters=[other_member])
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert (state["eligible"], state["can_vote"], state["my_vote"]) == (False, False, None)


def test_a_vote_and_a_place_on_the_list_of_another_ballot_do_not_count(member, other_member):
    elsewhere = _ballot(voters=[member])
    Vote.objects.create(ballot=elsewhere, member=member, choice="yes")
    ballot = _ballot(voters=[other_member])
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert (state["my_vote"], state["eligible"], state["can_vote"]) == (None, False, False)


def test_nobody_votes_in_a_closed_ballot(member):
    ballot = _ballot(status="closed", voters=[member])
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert (state["eligible"], state["can_vote"]) == (True, False)


def test_nobody_votes_in_the_app_when_the_secretary_records_the_counts(member):
    ballot = _ballot(voters=[member], tally="counts", yes_count=3, against_count=1, abstain_count=2)
    state = selectors.ballot_state_for_user(user=member, ballot=ballot)
    assert (state["app_voting"], state["can_vote"]) == (False, False)
    assert state["counts"] == {"yes": 3, "against": 1, "abstain": 2} and state["voted"] == 6


def test_a_voter_without_the_right_to_cast_a_vote_may_not_vote(secretary):
    # the secretary manages the ballot but does not vote, even on the voters' list
    ballot = _ballot(voters=[secretary])
    state = selectors.ballot_state_for_user(user=secretary, ballot=ballot)
    assert (state["eligible"], state["app_voting"], state["can_vote"]) == (True, True, False)


# --- dossiers -----------------------------------------------------------------------------


def test_members_see_every_dossier_with_its_advices_and_signals_counted_once(member):
    dossier = DossierFactory(status="proposed")
    for _ in range(2):
        AdviceFactory(dossier=dossier)
    for _ in range(3):
        SignalFactory(dossier=dossier)
    empty = DossierFactory()
    counts = {d: (d.advice_count, d.signal_count) for d in selectors.dossier_list(user=member)}
    assert counts == {dossier: (2, 3), empty: (0, 0)}


def test_advisors_and_people_without_a_role_see_no_dossier(advisor):
    dossier = DossierFactory()
    assert list(selectors.dossier_list(user=advisor)) == []
    with pytest.raises(Http404):
        selectors.dossier_get_for_user(user=UserFactory(), pk=dossier.pk)


def test_a_dossier_is_read_with_its_group_contact_and_original_in_one_query(
    member, django_assert_num_queries
):
    original = DossierFactory(title="Origineel")
    dossier = DossierFactory(
        working_group=WorkingGroupFactory(name="Werk"),
        contact_person=member,
        duplicate_of=original,
        status="rejected",
    )
    _warm(member)
    with django_assert_num_queries(1):
        got = selectors.dossier_get_for_user(user=member, pk=dossier.pk)
        assert (got.working_group.name, got.contact_person.last_name, got.duplicate_of.title) == (
            "Werk",
            "Lid",
            "Origineel",
        )
    with pytest.raises(Http404):
        selectors.dossier_get_for_user(user=member, pk=dossier.pk + 1000)


@pytest.fixture(params=["difflib", pytest.param("postgres", marks=pytest.mark.postgres)])
def similarity(request, monkeypatch):
    if request.param == "difflib":
        monkeypatch.setattr(selectors, "is_postgres", lambda: False)
    return request.param


def test_similar_dossiers_leave_out_the_dossier_itself_and_rejected_ones(similarity):
    proposal = DossierFactory(title="Schuldhulp voor jongeren", status="proposed")
    accepted = DossierFactory(title="Schuldhulp voor jongeren in de wijk")
    closed = DossierFactory(title="Schuldhulp jongeren", status="closed")
    DossierFactory(title="Schuldhulp voor jongeren", status="rejected")
    assert set(selectors.dossier_similar(dossier=proposal)) == {accepted, closed}


def test_similar_dossiers_are_at_most_the_limit_best_first(similarity):
    proposal = DossierFactory(title="Mantelzorg ondersteuning respijtzorg", status="proposed")
    best = DossierFactory(title="Mantelzorg ondersteuning respijtzorg")
    for n in range(6):
        DossierFactory(title=f"Mantelzorg {n}", description="Over mantelzorg.")
    DossierFactory(title="Iets heel anders", description="Verkeer.")
    found = selectors.dossier_similar(dossier=proposal)
    assert len(found) == 5 and found[0] == best
    assert len(selectors.dossier_similar(dossier=proposal, limit=2)) == 2


def test_words_of_two_letters_do_not_make_dossiers_similar(similarity):
    proposal = DossierFactory(title="OV en WW", status="proposed")
    DossierFactory(title="Rijbewijs", description="Regels van OV en WW.")
    assert selectors.dossier_similar(dossier=proposal) == []


def test_words_of_three_letters_make_dossiers_similar(similarity):
    proposal = DossierFactory(title="Wmo pgb", status="proposed")
    other = DossierFactory(title="Rijbewijs", description="Regels van Wmo en pgb.")
    assert selectors.dossier_similar(dossier=proposal) == [other]


def test_without_postgresql_a_title_alike_or_two_shared_words_make_a_dossier_similar(
    monkeypatch,
):
    monkeypatch.setattr(selectors, "is_postgres", lambda: False)
    proposal = DossierFactory(title="Armoede en schulden", status="proposed")
    alike = DossierFactory(title="Armoede en schuld", description="")
    shared = DossierFactory(title="Minima", description="Armoede leidt tot schulden.")
    DossierFactory(title="Minima", description="Armoede is een probleem.")
    DossierFactory(title="Vervoer", description="Busroutes.")
    assert selectors.dossier_similar(dossier=proposal) == [alike, shared]


def test_without_postgresql_the_dossiers_are_compared_in_one_query(
    monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(selectors, "is_postgres", lambda: False)
    proposal = DossierFactory(title="Armoede en schulden", status="proposed")
    for n in range(3):
        DossierFactory(title=f"Armoede en schulden {n}", description="Over armoede.")
    with django_assert_num_queries(1):
        found = selectors.dossier_similar(dossier=proposal)
        shown = [(d.title, d.description, d.status, d.domain) for d in found]
    assert len(shown) == 3


def test_a_dossier_sharing_one_of_the_words_is_similar_and_one_sharing_none_is_not(similarity):
    proposal = DossierFactory(title="Wachttijden in de jeugdzorg", status="proposed")
    other = DossierFactory(title="Jeugdzorg", description="")
    DossierFactory(title="Verkeersveiligheid", description="Drempels in de straat.")
    assert selectors.dossier_similar(dossier=proposal) == [other]


@pytest.mark.postgres
def test_postgresql_compares_dutch_word_forms_in_title_and_description():
    proposal = DossierFactory(title="Wachtlijsten", status="proposed")
    in_title = DossierFactory(title="Wachtlijsten in de jeugdzorg", description="")
    in_description = DossierFactory(title="Jeugdhulp", description="Lange wachtlijsten.")
    assert set(selectors.dossier_similar(dossier=proposal)) == {in_title, in_description}


@pytest.mark.postgres
def test_postgresql_ranks_every_word_in_the_description_before_one_in_the_title():
    proposal = DossierFactory(title="Armoede schulden jongeren", status="proposed")
    one_in_title = DossierFactory(title="Armoede", description="")
    all_in_description = DossierFactory(
        title="Minima", description="Armoede, schulden en jongeren."
    )
    assert selectors.dossier_similar(dossier=proposal) == [all_in_description, one_in_title]


def test_without_postgresql_a_dossier_is_similar_from_a_score_of_045(monkeypatch):
    monkeypatch.setattr(selectors, "is_postgres", lambda: False)
    proposal = DossierFactory(title="Cliëntondersteuning", status="proposed")
    # difflib's ratio with the proposal's title: exactly 0.45, and 0.43
    at_the_bar = DossierFactory(title="Mantelzorg en Ouderen", description="")
    DossierFactory(title="Ouderen en Inkomen", description="")
    assert selectors.dossier_similar(dossier=proposal) == [at_the_bar]


# --- signals ------------------------------------------------------------------------------


def test_the_triage_board_sees_every_signal_and_a_member_only_their_own(
    secretary, chair, member, other_member, advisor
):
    mine = SignalFactory(recorded_by=member)
    theirs = SignalFactory(recorded_by=other_member)
    resident = SignalFactory(recorded_by=None)
    everything = {mine, theirs, resident}
    assert set(selectors.signal_list(user=secretary)) == everything
    assert set(selectors.signal_list(user=chair)) == everything
    assert list(selectors.signal_list(user=member)) == [mine]
    assert list(selectors.signal_list(user=advisor)) == []
    with pytest.raises(Http404):
        selectors.signal_get_for_user(user=member, pk=theirs.pk)
    assert selectors.signal_get_for_user(user=member, pk=mine.pk) == mine


def test_a_signal_is_read_with_its_dossier_recorder_and_history_in_three_queries(
    secretary, member, django_assert_num_queries
):
    signal = SignalFactory(recorded_by=member, dossier=DossierFactory(title="Het dossier"))
    for to in ("investigating", "linked"):
        SignalTransition.objects.create(signal=signal, to_status=to, by=secretary)
    _warm(secretary)
    with django_assert_num_queries(3):  # the signal, its transitions, the people who moved it
        got = selectors.signal_get_for_user(user=secretary, pk=signal.pk)
        assert (got.dossier.title, got.recorded_by.last_name) == ("Het dossier", "Lid")
        assert {t.by.last_name for t in got.transitions.all()} == {"Secretaris"}


def test_the_signal_list_reads_dossier_and_recorder_in_the_same_query(
    secretary, member, django_assert_num_queries
):
    for _ in range(3):
        SignalFactory(recorded_by=member, dossier=DossierFactory())
    _warm(secretary)
    with django_assert_num_queries(1):
        rows = [(s.dossier.title, s.recorded_by.pk) for s in selectors.signal_list(user=secretary)]
    assert len(rows) == 3
