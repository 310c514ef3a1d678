"""Tests of the REST API's shared rules (core/api/), through the endpoints of the apps."""
