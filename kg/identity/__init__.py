"""Author identity: which name mentions in bylines are the same person, and why.

* :mod:`kg.identity.names` turns a byline name into a comparable :class:`PersonName` and
  says how far two names agree;
* :mod:`kg.identity.evidence` reads what a mention says besides its name (institutions,
  e-mail addresses, affiliation words);
* :mod:`kg.identity.pairs` finds the pairs of mentions that share evidence;
* :mod:`kg.identity.clusters` holds the mentions and the consistency rules of a cluster;
* :mod:`kg.identity.resolver` decides the merges (:func:`resolve_authors`);
* :mod:`kg.identity.people` gives each person a stable node id and a merge record.
"""
