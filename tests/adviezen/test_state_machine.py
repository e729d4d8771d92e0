"""Hypothesis state machine over open / vote / change / close / chair-approve / send.

Invariants: one vote per member per ballot, status only along the table, approved only with
the approved version's ballot carried or the chair's reason, an open ballot exactly while
voting, every closed ballot's counts equal to its votes and its outcome the rule's (D16), sent
at most once.
"""

from collections import Counter

import pytest
from django.core import mail
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from adviezen import rules, services
from adviezen.models import Advice, AdviceTransition, Ballot, Vote
from tests.adviezen.conftest import written_deadline

CLOSED_BY_VOTE = ("carried", "not_carried")


@pytest.mark.django_db(transaction=True)
def test_advice_state_machine(roles_ready, chair, member, other_member, secretary):
    from members.models import CouncilSettings
    from tests.adviezen.conftest import ensure_roles
    from tests.factories.members import TermFactory

    ensure_roles()
    CouncilSettings.objects.get_or_create(pk=1)
    for p in (chair, member, other_member):
        TermFactory(member=p)
    people = [chair, member, other_member]

    class Machine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            mail.outbox = []
            self.advice = services.advice_create(
                by=secretary, title="Advies", origin="unsolicited", kind="formal", domain="werk"
            )
            services.advice_transition(advice=self.advice, by=secretary, to="preparation")
            services.advice_version_add(advice=self.advice, by=member, text="Tekst")

        def _try(self, fn, **kw):
            try:
                fn(**kw)
            except services.AdviceError:
                pass

        def _open(self):
            return Ballot.objects.filter(advice=self.advice, status="open").first()

        @rule()
        def open_ballot(self):
            self._try(
                services.ballot_open, advice=self.advice, by=chair, deadline=written_deadline()
            )

        @rule(who=st.integers(0, 2), choice=st.sampled_from(["yes", "against", "abstain", "x"]))
        def vote(self, who, choice):
            b = self._open() or Ballot.objects.filter(advice=self.advice).first()
            if b is not None:
                self._try(services.vote_cast, ballot=b, member=people[who], choice=choice)

        @rule()
        def close(self):
            b = self._open()
            if b is not None:
                self._try(services.ballot_close, ballot=b, by=chair)

        @rule()
        def chair_approve(self):
            self._try(services.advice_chair_approve, advice=self.advice, by=chair, reason="Spoed")

        @rule()
        def sign_and_send(self):
            self._try(services.advice_sign, advice=self.advice, by=chair)
            self._try(services.advice_send, advice=self.advice, by=secretary)
            self._try(services.advice_send, advice=self.advice, by=secretary)

        @rule()
        def new_version(self):
            self._try(services.advice_version_add, advice=self.advice, by=member, text="Nieuw")

        @invariant()
        def one_vote_per_member(self):
            for b in Ballot.objects.filter(advice=self.advice):
                ids = list(Vote.objects.filter(ballot=b).values_list("member_id", flat=True))
                assert len(ids) == len(set(ids))

        @invariant()
        def status_along_table(self):
            for t in AdviceTransition.objects.filter(advice=self.advice).exclude(from_status=""):
                assert t.to_status in Advice.TRANSITIONS[Advice.Status(t.from_status)]

        @invariant()
        def approved_only_by_its_carried_ballot_or_the_chair(self):
            a = Advice.objects.get(pk=self.advice.pk)
            if a.status in (Advice.Status.APPROVED, Advice.Status.SENT):
                assert a.approved_version_id is not None
                carried = Ballot.objects.filter(
                    advice=a, outcome="carried", version_id=a.approved_version_id
                ).exists()
                assert carried or (a.chair_approved_by_id and a.chair_approval_reason)
            open_ballots = Ballot.objects.filter(advice=a, status="open").count()
            assert open_ballots == (1 if a.status == Advice.Status.VOTING else 0)

        @invariant()
        def every_closed_ballot_counts_its_votes_and_follows_the_rule(self):
            for b in Ballot.objects.filter(advice=self.advice, outcome__in=CLOSED_BY_VOTE):
                votes = Counter(Vote.objects.filter(ballot=b).values_list("choice", flat=True))
                counts = (b.yes_count, b.against_count, b.abstain_count)
                assert counts == (votes["yes"], votes["against"], votes["abstain"])
                assert (b.outcome == "carried") == rules.ballot_is_carried(
                    yes=b.yes_count,
                    against=b.against_count,
                    abstain=b.abstain_count,
                    eligible=b.eligible_count,
                    threshold=b.threshold_percent,
                    basis=b.basis,
                    quorum=b.quorum_percent,
                )

        @invariant()
        def sent_at_most_once(self):
            # the letter to the college; the notifications are other mail
            letters = [
                m for m in mail.outbox if m.to == [CouncilSettings.objects.get().college_email]
            ]
            assert len(letters) <= 1

    Machine.TestCase.settings = settings(
        max_examples=15,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Machine.TestCase("runTest").runTest()
