"""Writes of the registry that carry a rule. Keyword-only, typed ``<entity>_<action>`` functions;
the admin, the import, the API and the demo loader call these instead of writing the rows themselves.
Publishing is :mod:`core.publishing`; the staff roles are :mod:`cci_portal.roles`.
"""
