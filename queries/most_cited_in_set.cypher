// title: Most cited papers within the set
// description: Papers of the build (kg:inCorpus true) ranked by how many other papers of the
//   build cite them (kg:cites between two records read; works only cited and self-citations
//   do not count).
// parameters:
//   - min_citations (integer, default 1): leave out papers cited fewer times.
// example: kg query build/ most_cited_in_set

MATCH (citing)-[:CITES]->(paper)
WHERE paper.in_corpus = true AND citing.in_corpus = true AND citing <> paper
WITH paper, count(DISTINCT citing) AS citations
WHERE citations >= $min_citations
RETURN paper, coalesce('PMID:' + paper.pmid, 'doi:' + paper.doi, paper.id) AS reference,
       paper.year AS year, paper.title AS title, citations
ORDER BY citations DESC, reference
