// title: Authors bridging two communities
// description: Authors with co-authors (kg:coAuthoredWith, either direction) in both of two
//   communities, ranked by the smaller of the two co-author counts. There is no community
//   detection in kg yet, so a community is defined by what the graph records: the authors
//   affiliated (kg:affiliatedWith) with an institution whose country code, country or name
//   equals the parameter (case-insensitive), e.g. two countries ("CN" and "US") or two
//   institutions. The bridging author may belong to either community or to neither.
// parameters:
//   - community_a (string): the first community: an ISO country code, a country or an
//     institution name.
//   - community_b (string): the second community, likewise.
// example: kg query build/ bridging_authors --param community_a=CN --param community_b=US

MATCH (peer_a)-[:AFFILIATED_WITH]->(institution_a)
WHERE toLower(institution_a.country_code) = toLower($community_a)
   OR toLower(institution_a.country) = toLower($community_a)
   OR toLower(institution_a.name) = toLower($community_a)
MATCH (peer_a)-[:CO_AUTHORED_WITH]-(author)
WITH author, count(DISTINCT peer_a) AS coauthors_a
MATCH (peer_b)-[:AFFILIATED_WITH]->(institution_b)
WHERE toLower(institution_b.country_code) = toLower($community_b)
   OR toLower(institution_b.country) = toLower($community_b)
   OR toLower(institution_b.name) = toLower($community_b)
MATCH (peer_b)-[:CO_AUTHORED_WITH]-(author)
WITH author, coauthors_a, count(DISTINCT peer_b) AS coauthors_b
WHERE author.name IS NOT NULL
RETURN author, author.name AS name, coauthors_a, coauthors_b
ORDER BY CASE WHEN coauthors_a < coauthors_b THEN coauthors_a ELSE coauthors_b END DESC,
         name, author.id
