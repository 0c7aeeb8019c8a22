// title: Papers per year for a therapy
// description: How many papers of the build mention the therapy, or one of its subtypes
//   (kg:isA*), each publication year.
// parameters:
//   - therapy (concept Therapy|Chemical): the therapy or chemical, by name, synonym or
//     concept id (case-insensitive).
// example: kg query build/ therapy_papers_per_year --param therapy="mesenchymal stem cell therapy"

MATCH (root:Therapy|Chemical)
WHERE root.id = $therapy OR toLower(root.name) = toLower($therapy)
   OR toLower(root.concept_id) = toLower($therapy)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($therapy))
MATCH (concept)-[:IS_A*0..]->(root)
WITH DISTINCT concept
MATCH (paper)-[:MENTIONS]->(concept)
WHERE paper.in_corpus = true AND paper.year IS NOT NULL
RETURN paper.year AS year, count(DISTINCT paper) AS papers
ORDER BY year
