from django.contrib import admin

from adviesraad import pagecache

from .models import ActionItem, AgendaItem, Attendance, Document, Location, Meeting, Minutes


class PublicChangeAdmin(admin.ModelAdmin):
    """Rows the public site shows (locations, meetings and their agenda items, documents,
    minutes): a change or deletion in the admin forgets the cached public pages, as the
    services do."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.public_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pagecache.public_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pagecache.public_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pagecache.public_changed()


@admin.register(Location)
class LocationAdmin(PublicChangeAdmin):
    list_display = ["name", "address", "is_active"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["section", "position", "title", "presenter", "duration_minutes", "is_public"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(PublicChangeAdmin):
    list_display = ["title", "kind", "start", "status", "is_public"]
    list_filter = ["kind", "status", "is_public"]
    readonly_fields = ["status", "agenda_sent_at"]
    inlines = [AgendaItemInline]


@admin.register(Document)
class DocumentAdmin(PublicChangeAdmin):
    list_display = ["title", "meeting", "is_public", "uploaded_at"]
    readonly_fields = ["file", "original_name", "content_type", "size"]


admin.site.register(Attendance)
admin.site.register(Minutes, PublicChangeAdmin)
admin.site.register(ActionItem)
