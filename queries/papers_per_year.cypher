// title: Papers per year
// description: How many papers of the build were published each year (papers read from the
//   inputs only, not works they cite).
// parameters: none
// example: kg query build/ papers_per_year

MATCH (paper:Paper)
WHERE paper.in_corpus = true AND paper.year IS NOT NULL
RETURN paper.year AS year, count(paper) AS papers
ORDER BY year
