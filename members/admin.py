from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import CouncilSettings, Term, User, WorkingGroup, WorkingGroupMembership


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [TermInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Persoon"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "phone",
                    "organisation",
                    "joined_on",
                    "left_on",
                )
            },
        ),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["member", "role", "sequence", "start", "end"]
    list_filter = ["role"]
    list_select_related = ["member"]
    search_fields = ["member__first_name", "member__last_name"]


class MembershipInline(admin.TabularInline):
    model = WorkingGroupMembership
    extra = 0
    raw_id_fields = ["member"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "contact_person", "is_active"]
    list_filter = ["domain", "is_active"]
    inlines = [MembershipInline]


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
