"""Interactive views of a graph: offline HTML pages that open fast and show what researchers
look for (issue 7).

Kinds: ``overview`` (every node type), ``coauthors`` (communities), ``institutions`` (by
country), ``biomedical`` (therapy - mechanism - disease, evidence as edge style) and ``ego``
(the neighbourhood of one node).  The pieces, each a module with one job:

* selection and description per kind: :mod:`~kg.views.overview`,
  :mod:`~kg.views.collaboration`, :mod:`~kg.views.biomedical`, :mod:`~kg.views.ego`, sharing
  :mod:`~kg.views.reduce` (the node budget), :mod:`~kg.views.metrics` (the build's measures
  or our own), :mod:`~kg.views.details` (tooltips, links, years) and
  :mod:`~kg.views.assemble`;
* :mod:`~kg.views.layout`: positions computed in Python, so the browser only draws;
* :mod:`~kg.views.render` and :mod:`~kg.views.assets`: one self-contained page (sigma.js
  bundled from npm, the page's script and style, the data as JSON), nothing fetched;
* :mod:`~kg.views.index`: the build directory's ``index.html``;
* :mod:`~kg.views.make`: one entry point for all kinds.

Nothing is imported here, so ``kg --help`` stays fast.
"""

from __future__ import annotations

from typing import Final

__all__ = ["BUILD_VIEWS", "BUILD_VIEW_FILES", "INDEX_FILE"]

# The views ``kg build`` writes next to the graph (the ego view needs a centre: the index
# page gives its command), and the page linking them.
BUILD_VIEWS: Final = ("overview", "coauthors", "institutions", "biomedical")
INDEX_FILE: Final = "index.html"
BUILD_VIEW_FILES: Final = (INDEX_FILE, *(f"{kind}.html" for kind in BUILD_VIEWS))
