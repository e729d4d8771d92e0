from django.contrib import admin

from .models import OutboxMessage, ReminderSent


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["task_name", "state", "run_attempts", "publish_attempts", "created_at"]
    list_filter = ["state"]
    search_fields = ["task_name", "task_id"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_type", "object_id", "recipient", "day", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in ReminderSent._meta.fields]
