"""kg: build a knowledge graph of papers, people, institutions and biomedical concepts.

Importing the package does no work: every stage lives in its own subpackage and is imported
only when used, so `kg --help` stays fast and optional integrations fail only when called.
"""

__version__ = "0.1.0"
