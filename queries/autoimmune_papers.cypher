// title: Papers about any autoimmune disease
// description: Papers of the build (records read, not works they cite) that mention the root
//   disease or any disease below it in the IS_A hierarchy (kg:isA*), so lupus, Sjogren's
//   syndrome and the other subtypes count for "autoimmune disease"; with the diseases of that
//   branch each paper mentions ("; "-separated, in no set order), newest first.
// parameters:
//   - root (concept Disease, default "autoimmune disease"): the top of the branch, by name,
//     synonym or concept id (case-insensitive).
// example: kg query build/ autoimmune_papers

MATCH (root:Disease)
WHERE root.id = $root OR toLower(root.name) = toLower($root)
   OR toLower(root.concept_id) = toLower($root)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($root))
MATCH (disease)-[:IS_A*0..]->(root)
WITH DISTINCT disease
WHERE disease.name IS NOT NULL
MATCH (paper)-[:MENTIONS]->(disease)
WHERE paper.in_corpus = true
WITH paper, collect(DISTINCT disease.name) AS diseases
RETURN paper,
       coalesce('PMID:' + paper.pmid, 'doi:' + paper.doi, paper.id) AS reference,
       paper.year AS year, paper.title AS title, diseases
// Papers without a year last, as SPARQL orders an unbound value.
ORDER BY year IS NULL, year DESC, reference
