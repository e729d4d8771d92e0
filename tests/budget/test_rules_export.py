"""Marking a batch export as sent to the municipality (D20, `budget.rules.export_may_mark_sent`)."""

from budget import rules


def test_export_may_mark_sent_only_when_done_and_at_least_one_approved_left():
    # one declaration still approved is enough, none left is not (the `> 0` boundary)
    assert rules.export_may_mark_sent(export_done=True, approved_left=1) is True
    assert rules.export_may_mark_sent(export_done=True, approved_left=0) is False
    # an export that is not done is never marked sent, however many are left
    assert rules.export_may_mark_sent(export_done=False, approved_left=1) is False
    assert rules.export_may_mark_sent(export_done=False, approved_left=0) is False
