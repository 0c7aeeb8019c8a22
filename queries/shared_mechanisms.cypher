// title: Mechanisms shared by two therapies
// description: Mechanisms that papers say both therapies act via (kg:actsVia), each therapy
//   counted with its subtypes (kg:isA*), so "mesenchymal stem cell therapy" includes bone
//   marrow- or adipose-derived MSCs. For each shared mechanism: how many papers support it
//   for each side and which therapies of each side ("; "-separated, in no set order). Papers
//   are those of the kg:Evidence nodes of each link's reified kg:Statement.
// parameters:
//   - therapy_a (concept Therapy|Chemical): the first therapy, by name, synonym or concept
//     id (case-insensitive).
//   - therapy_b (concept Therapy|Chemical): the second therapy, likewise.
// example: kg query build/ shared_mechanisms --param therapy_a="mesenchymal stem cell therapy" --param therapy_b="mesenchymal stem cell-derived extracellular vesicles"

MATCH (root_a:Therapy|Chemical)
WHERE root_a.id = $therapy_a OR toLower(root_a.name) = toLower($therapy_a)
   OR toLower(root_a.concept_id) = toLower($therapy_a)
   OR any(synonym IN root_a.synonyms WHERE toLower(synonym) = toLower($therapy_a))
MATCH (variant_a)-[:IS_A*0..]->(root_a)
WITH collect(DISTINCT variant_a) AS side_a
MATCH (root_b:Therapy|Chemical)
WHERE root_b.id = $therapy_b OR toLower(root_b.name) = toLower($therapy_b)
   OR toLower(root_b.concept_id) = toLower($therapy_b)
   OR any(synonym IN root_b.synonyms WHERE toLower(synonym) = toLower($therapy_b))
MATCH (variant_b)-[:IS_A*0..]->(root_b)
WITH side_a, collect(DISTINCT variant_b) AS side_b
UNWIND side_a AS variant_a
MATCH (variant_a)-[acts_a:ACTS_VIA]->(mechanism)
WHERE variant_a.name IS NOT NULL AND mechanism.name IS NOT NULL
UNWIND acts_a.paper AS paper_a
WITH side_b, mechanism, collect(DISTINCT paper_a) AS evidence_a,
     collect(DISTINCT variant_a.name) AS therapies_a
UNWIND side_b AS variant_b
MATCH (variant_b)-[acts_b:ACTS_VIA]->(mechanism)
WHERE variant_b.name IS NOT NULL
UNWIND acts_b.paper AS paper_b
WITH mechanism, evidence_a, therapies_a, collect(DISTINCT paper_b) AS evidence_b,
     collect(DISTINCT variant_b.name) AS therapies_b
RETURN mechanism, mechanism.name AS mechanism_name,
       size(evidence_a) AS papers_a, size(evidence_b) AS papers_b, therapies_a, therapies_b
ORDER BY papers_a + papers_b DESC, mechanism_name
