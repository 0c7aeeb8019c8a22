// title: Most productive institutions on a topic
// description: Institutions ranked by how many papers of the build that mention the topic
//   (or a concept below it, kg:isA*) have an author affiliated with them on that very paper:
//   the kg:papers of the reified kg:Statement of each kg:affiliatedWith link, so an
//   author's other affiliations do not count.
// parameters:
//   - topic (concept): any concept, by name, synonym or concept id (case-insensitive).
//   - min_papers (integer, default 1): leave out institutions with fewer such papers.
// example: kg query build/ top_institutions --param topic="autoimmune disease"

MATCH (root:Disease|Therapy|Chemical|Mechanism|CellType|Molecule)
WHERE root.id = $topic OR toLower(root.name) = toLower($topic)
   OR toLower(root.concept_id) = toLower($topic)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($topic))
MATCH (concept)-[:IS_A*0..]->(root)
WITH DISTINCT concept
MATCH (paper)-[:MENTIONS]->(concept)
WITH DISTINCT paper
// The affiliations an author gave on that very paper: AFFILIATED_WITH lists them in .papers.
MATCH (author)-[:AUTHORED]->(paper)
MATCH (author)-[affiliated:AFFILIATED_WITH]->(institution)
WHERE paper.id IN affiliated.papers AND institution.name IS NOT NULL
WITH institution, count(DISTINCT paper) AS papers
WHERE papers >= $min_papers
RETURN institution, institution.name AS name, institution.country AS country, papers
ORDER BY papers DESC, name, institution.id
