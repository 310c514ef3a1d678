"""The REST API's cross-app parts: authentication, permissions, throttles, pagination, errors."""
