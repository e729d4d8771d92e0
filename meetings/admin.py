from django.contrib import admin

from .models import ActionItem, AgendaItem, Attendance, Document, Location, Meeting, Minutes


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "is_active"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["section", "position", "title", "presenter", "duration_minutes", "is_public"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "status", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    readonly_fields = ["status", "agenda_sent_at"]
    inlines = [AgendaItemInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "is_public", "uploaded_at"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


admin.site.register(Attendance)
admin.site.register(Minutes)
admin.site.register(ActionItem)
