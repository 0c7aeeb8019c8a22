// title: Therapies for a disease
// description: Therapies and chemicals that papers of the build say treat the disease or one
//   of its subtypes (kg:isA*), one row per therapy and treated condition: the evidence level
//   of the relation (the strongest study design among its sentences), whether any sentence
//   asserts it rather than only speculating, how many papers support it and which (PMID,
//   else DOI), and the mechanisms those same papers say the therapy acts via (kg:actsVia).
//   Lists are separated by "; " in no set order. Evidence is read from the reified kg:Statement of each kg:treats
//   triple and its kg:Evidence nodes.
// parameters:
//   - disease (concept Disease): the disease, by name, synonym or concept id
//     (case-insensitive), e.g. "systemic lupus erythematosus", "SLE" or DOID:9074.
//   - asserted_only (boolean, default false): leave out relations that every supporting
//     sentence states only speculatively.
// example: kg query build/ therapies_for_disease --param disease="rheumatoid arthritis"

MATCH (root:Disease)
WHERE root.id = $disease OR toLower(root.name) = toLower($disease)
   OR toLower(root.concept_id) = toLower($disease)
   OR any(synonym IN root.synonyms WHERE toLower(synonym) = toLower($disease))
MATCH (condition)-[:IS_A*0..]->(root)
WITH DISTINCT condition
MATCH (therapy:Therapy|Chemical)-[treats:TREATS]->(condition)
WHERE (treats.asserted OR NOT $asserted_only)
  AND therapy.name IS NOT NULL AND condition.name IS NOT NULL
// The evidence is parallel lists on the relationship; .paper holds each sentence's paper.
UNWIND treats.paper AS paper_id
WITH DISTINCT therapy, condition, treats, paper_id
OPTIONAL MATCH (paper:Paper {id: paper_id})
WITH therapy, condition, treats, paper_id,
     coalesce('PMID:' + paper.pmid, 'doi:' + paper.doi, paper_id) AS reference
WITH therapy, condition, treats,
     count(DISTINCT paper_id) AS paper_count, collect(DISTINCT reference) AS papers
RETURN therapy, therapy.name AS therapy_name,
       CASE WHEN therapy:Therapy THEN 'Therapy' ELSE 'Chemical' END AS kind,
       condition, condition.name AS condition_name,
       treats.evidence_level AS evidence_level, treats.asserted AS asserted,
       paper_count, papers,
       // Mechanisms the same papers say the therapy acts via.
       COLLECT {
         MATCH (therapy)-[acts:ACTS_VIA]->(mechanism)
         WHERE mechanism.name IS NOT NULL
           AND any(paper_id IN acts.paper WHERE paper_id IN treats.paper)
         RETURN DISTINCT mechanism.name
       } AS mechanisms
ORDER BY paper_count DESC, therapy_name, condition_name
