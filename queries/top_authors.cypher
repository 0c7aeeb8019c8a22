// title: Most productive authors on a topic
// description: Authors ranked by how many papers of the build they wrote (kg:authored) that
//   mention the topic or any concept below it in the IS_A hierarchy (kg:mentions, kg:isA*).
// parameters:
//   - topic (concept): any concept (disease, therapy, chemical, mechanism, cell type,
//     molecule), by name, synonym or concept id (case-insensitive).
//   - min_papers (integer, default 1): leave out authors with fewer such papers.
// example: kg query build/ top_authors --param topic="mesenchymal stem cell therapy" --param min_papers=2

MATCH (root:Disease|Therapy|Chemical|Mechanism|CellType|Molecule)
WHERE root.id = $topic OR toLower(root.name) = toLower($topic)
   OR toLower(root.concept_id) = toLower($topic)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($topic))
MATCH (concept)-[:IS_A*0..]->(root)
WITH DISTINCT concept
MATCH (author)-[:AUTHORED]->(paper)-[:MENTIONS]->(concept)
WHERE author.name IS NOT NULL
WITH author, count(DISTINCT paper) AS papers
WHERE papers >= $min_papers
RETURN author, author.name AS name, papers
ORDER BY papers DESC, name, author.id
