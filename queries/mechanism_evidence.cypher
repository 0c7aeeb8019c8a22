// title: Sentences supporting a therapy-mechanism link
// description: Every sentence from which the build took "the therapy acts via the mechanism"
//   (kg:actsVia), with its paper (PMID, else DOI), year, field, character offsets, how it was
//   stated (asserted or speculative), the extractor that read it and its confidence, read
//   from the kg:Evidence nodes of the link's reified kg:Statement.
// parameters:
//   - therapy (concept Therapy|Chemical): the therapy or chemical, by name, synonym or
//     concept id (case-insensitive).
//   - mechanism (concept Mechanism): the mechanism, by name, synonym or concept id
//     (case-insensitive), e.g. "immunomodulation" or GO:0001525.
//   - min_confidence (decimal, default 0): leave out sentences the extractor is less
//     confident about than this (0 to 1).
// example: kg query build/ mechanism_evidence --param therapy="mesenchymal stem cell therapy" --param mechanism=immunomodulation

MATCH (therapy:Therapy|Chemical)
WHERE therapy.id = $therapy OR toLower(therapy.name) = toLower($therapy)
   OR toLower(therapy.concept_id) = toLower($therapy)
   OR any(synonym IN therapy.synonyms WHERE toLower(synonym) = toLower($therapy))
MATCH (mechanism:Mechanism)
WHERE mechanism.id = $mechanism OR toLower(mechanism.name) = toLower($mechanism)
   OR toLower(mechanism.concept_id) = toLower($mechanism)
   OR any(synonym IN mechanism.synonyms WHERE toLower(synonym) = toLower($mechanism))
MATCH (therapy)-[acts:ACTS_VIA]->(mechanism)
// One row per supporting sentence: position i of the relationship's parallel evidence
// lists.  DISTINCT: identical positions are one piece of evidence, as in the RDF.
UNWIND range(0, size(acts.paper) - 1) AS i
WITH DISTINCT acts,
     {paper: acts.paper[i], sentence: acts.sentence[i], start: acts.start[i],
      end: acts.end[i], field: acts.field[i], extractor: acts.extractor[i],
      confidence: acts.confidence[i], modality: acts.modality[i],
      level: acts.levels[i], direction: acts.directions[i]} AS evidence
WHERE evidence.sentence IS NOT NULL AND evidence.confidence >= $min_confidence
OPTIONAL MATCH (paper:Paper {id: evidence.paper})
RETURN coalesce('PMID:' + paper.pmid, 'doi:' + paper.doi, evidence.paper) AS reference,
       paper.year AS year, evidence.field AS field, evidence.start AS start,
       evidence.end AS end, evidence.modality AS modality, evidence.confidence AS confidence,
       evidence.extractor AS extractor, evidence.sentence AS sentence, paper
ORDER BY reference, field, start
