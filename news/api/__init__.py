"""The news articles in the REST API."""
