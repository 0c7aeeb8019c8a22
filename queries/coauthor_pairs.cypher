// title: Strongest co-author pairs
// description: Pairs of authors by the number of papers of the build they wrote together:
//   the kg:weight of each kg:coAuthoredWith link (stored once per pair), read from its
//   reified kg:Statement. Papers with very many authors add no pairs (kg build
//   --max-authors).
// parameters:
//   - min_papers (integer, default 2): leave out pairs with fewer joint papers.
// example: kg query build/ coauthor_pairs --param min_papers=3

// One CO_AUTHORED_WITH relationship per pair (stored once, source id < target id).
MATCH (author_a)-[link:CO_AUTHORED_WITH]->(author_b)
WHERE link.weight >= $min_papers
  AND author_a.name IS NOT NULL AND author_b.name IS NOT NULL
RETURN author_a, author_a.name AS name_a, author_b, author_b.name AS name_b,
       link.weight AS papers
ORDER BY papers DESC, name_a, name_b, author_a.id, author_b.id
