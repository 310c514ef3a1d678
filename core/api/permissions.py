"""Who may do what: everyone reads; staff with the admin's model permissions write."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from core.api.authentication import api_key_of
from core.publishing import permission_name

WRITE_ACTIONS = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ReadOrStaffModelPermission(permissions.BasePermission):
    """Reads are open (throttled). A write needs an active staff user holding ``<app>.<action>_<model>``,
    the same permission the admin asks for: ``add`` for POST, ``change`` for PATCH, ``delete`` for DELETE.

    Anonymous writers get 401; API keys, non-staff users and staff without the permission get 403.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if api_key_of(request) is not None:
            raise exceptions.PermissionDenied(_("API keys give read access only; staff write with their account."))
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if not (user.is_active and user.is_staff):
            raise exceptions.PermissionDenied(_("Only staff may change the registry."))
        action = WRITE_ACTIONS.get(request.method)
        model = view.get_queryset().model
        opts = model._meta
        if action is None or not user.has_perm(permission_name(action, model)):
            raise exceptions.PermissionDenied(
                _("You do not have permission to %(action)s %(model)s.")
                % {"action": action or request.method.lower(), "model": opts.verbose_name_plural}
            )
        return True
