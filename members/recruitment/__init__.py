"""Recruitment: from a seat falling vacant to an appointed member (docs/rules.md, D30-D34).

Vacancies, the public application form, the selection committee's work (status, assessments,
interviews, the recommendation letter to the college) and the appointment that creates the
new member's account and first term. The models belong to the ``members`` app (imported by
``members.models``); applicants' details are seen by the vacancy's selection committee only
and erased after the council's retention period (docs/rules.md, S23).
"""
