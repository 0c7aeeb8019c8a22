// title: Institutions collaborating across countries
// description: Pairs of institutions in different countries (by kg:countryCode, so "China"
//   and "P.R. China" in the records are one country) whose authors wrote papers of the build
//   together: the kg:weight (joint papers) of each kg:collaboratesWith link, read from its
//   reified kg:Statement. With a country, only pairs with an institution there, which is
//   then institution_a; without, every pair once.
// parameters:
//   - country (string, default ""): an ISO 3166 country code such as CN or US
//     (case-insensitive), or "" for pairs in any countries.
//   - min_papers (integer, default 1): leave out pairs with fewer joint papers.
// example: kg query build/ cross_country_collaborations --param country=CN

// The undirected pattern meets each pair in both orientations, as SPARQL's
// rdf:subject|rdf:object does; without a country, the pair is kept once (by id).
MATCH (institution_a)-[link:COLLABORATES_WITH]-(institution_b)
WHERE institution_a.country_code IS NOT NULL AND institution_b.country_code IS NOT NULL
  AND ($country = '' OR toLower(institution_a.country_code) = toLower($country))
  AND link.weight >= $min_papers
  AND institution_a <> institution_b
  AND institution_a.country_code <> institution_b.country_code
  AND ($country <> '' OR institution_a.id < institution_b.id)
  AND institution_a.name IS NOT NULL AND institution_b.name IS NOT NULL
RETURN institution_a, institution_a.name AS name_a, institution_a.country_code AS country_a,
       institution_b, institution_b.name AS name_b, institution_b.country_code AS country_b,
       link.weight AS papers
ORDER BY papers DESC, name_a, name_b, institution_a.id, institution_b.id
