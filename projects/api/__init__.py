"""The registry's REST API: projects, vocabularies, zones, organizations and reported figures."""
