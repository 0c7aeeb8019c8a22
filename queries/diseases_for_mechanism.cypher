// title: Diseases where a mechanism is implicated
// description: Diseases that papers say the mechanism, or one of its subtypes (kg:isA*), is
//   implicated in (kg:implicatedIn): one row per mechanism and disease, with whether any
//   sentence asserts it rather than only speculating and how many papers support it and
//   which (PMID, else DOI; "; "-separated, in no set order), read from the kg:Evidence nodes
//   of each link's reified kg:Statement.
// parameters:
//   - mechanism (concept Mechanism): the mechanism, by name, synonym or concept id
//     (case-insensitive), e.g. "macrophage polarization".
// example: kg query build/ diseases_for_mechanism --param mechanism="macrophage polarization"

MATCH (root:Mechanism)
WHERE root.id = $mechanism OR toLower(root.name) = toLower($mechanism)
   OR toLower(root.concept_id) = toLower($mechanism)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($mechanism))
MATCH (via)-[:IS_A*0..]->(root)
WITH DISTINCT via
MATCH (via)-[implicated:IMPLICATED_IN]->(disease)
WHERE via.name IS NOT NULL AND disease.name IS NOT NULL AND implicated.asserted IS NOT NULL
// The evidence is parallel lists on the relationship; .paper holds each sentence's paper.
UNWIND implicated.paper AS paper_id
OPTIONAL MATCH (paper:Paper {id: paper_id})
WITH disease, via, implicated, paper_id,
     coalesce('PMID:' + paper.pmid, 'doi:' + paper.doi, paper_id) AS reference
RETURN disease, disease.name AS disease_name, via, via.name AS via_name,
       implicated.asserted AS asserted,
       count(DISTINCT paper_id) AS paper_count, collect(DISTINCT reference) AS papers
ORDER BY paper_count DESC, disease_name, via_name
