"""arclaims: who says what about which AI model or organisation, in Arabic news."""
__version__ = "0.1.0"
