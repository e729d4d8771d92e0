from django.contrib import admin

from .models import AuditEntry, Heartbeat


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only, in the admin too."""

    list_display = [
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_repr",
        "request_id",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "beat_at", "count"]
