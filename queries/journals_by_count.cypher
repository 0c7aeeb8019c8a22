// title: Journals by number of papers
// description: Journals ranked by how many papers of the build (records read, not works they
//   cite) they published (kg:publishedIn).
// parameters: none
// example: kg query build/ journals_by_count --limit 10

MATCH (paper)-[:PUBLISHED_IN]->(journal)
WHERE paper.in_corpus = true AND journal.name IS NOT NULL
RETURN journal, journal.name AS name, journal.title AS title, count(DISTINCT paper) AS papers
ORDER BY papers DESC, name, journal.id
