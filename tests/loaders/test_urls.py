from kg.loaders.urls import shown_url


def test_credentials_query_and_fragment_never_shown() -> None:
    url = "http://admin:s3cret@example.org:3030/kg/data?token=abc#frag"
    assert shown_url(url) == "http://example.org:3030/kg/data"
    assert shown_url("bolt://neo4j:pw@[::1]:7687/x", keep_path=False) == "bolt://[::1]:7687"
    assert "s3cret" not in shown_url(url) and "token" not in shown_url(url)
