"""arclaims: who says what about which AI model or organisation, in Arabic news.

The package is laid out by capability (``docs/architecture.md``). Dependency rule: a module
imports only from its own layer or from layers before it, in the order core (``doc``,
``errors``, ``paths``, ``schema``, ``config``, ``component_registry``) → ``stages/`` →
``backends/`` → builder (``factories``, ``nlp``) → ``batch/`` → ``report/`` →
``evaluation/`` → ``training/`` → ``commands/`` → ``cli``; and no import circle.
``tests/test_architecture.py`` checks both by reading the imports.
"""
__version__ = "0.1.0"
