"""The one error of the synthetic registry."""


class SyntheticRegistryError(Exception):
    """The synthetic registry cannot be made or removed as asked; the message says why."""
