"""Onboarding (*inwerken*): the secretary's checklist template, each new member's checklist
with due dates, progress and reminders of overdue items (docs/rules.md, D35)."""
