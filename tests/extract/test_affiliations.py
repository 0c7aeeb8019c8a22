import pytest

from kg.extract.affiliations import parse_affiliation
from kg.extract.countries import country_code

# Affiliation strings as they stand in the seed listing (tests/data/seeds).
SEED_CASES = [
    (
        "Department of Rheumatology and Immunology, Qinzhou First People's Hospital, Qinzhou, "
        "Guangxi, China",
        (
            "Qinzhou First People's Hospital",
            "Department of Rheumatology and Immunology",
            "Qinzhou",
            "Guangxi",
            None,
            "CN",
        ),
    ),
    (
        "Minda Hospital of Hubei Minzu University, Enshi, China",
        ("Minda Hospital of Hubei Minzu University", None, "Enshi", None, None, "CN"),
    ),
    (
        "CReATe Fertilty Center, Toronto, ON M5G 1N8, Canada;",
        ("CReATe Fertilty Center", None, "Toronto", "ON", "M5G 1N8", "CA"),
    ),
    (
        "Paracrine Therapeutics Pte. Ltd., 10 Choa Chu Kang Grove #13-22 Sol Acres, "
        "Singapore 688207, Singapore",
        ("Paracrine Therapeutics Pte. Ltd.", None, "Singapore", None, "688207", "SG"),
    ),
    (
        "Department of Surgery, YLL School of Medicine, National University Singapore (NUS), "
        "5 Lower Kent Ridge Road, Singapore 119074, Singapore",
        (
            "National University Singapore (NUS)",
            "Department of Surgery",
            "Singapore",
            None,
            "119074",
            "SG",
        ),
    ),
    (
        "Department of Medicine, Johns Hopkins University School of Medicine, Baltimore, MD 21205, "
        "USA.",
        (
            "Johns Hopkins University School of Medicine",
            "Department of Medicine",
            "Baltimore",
            "MD",
            "21205",
            "US",
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES)
def test_parts_of_an_affiliation(text: str, expected: tuple[object, ...]) -> None:
    (parsed,) = parse_affiliation(text)
    assert (
        parsed.institution,
        parsed.department,
        parsed.city,
        parsed.region,
        parsed.postal_code,
        parsed.country_code,
    ) == expected


def test_initial_markers_and_emails_are_stripped() -> None:
    text = (
        "Institute of Molecular and Cell Biology (IMCB), Agency for Science, Technology and "
        "Research (A*STAR), 61 Biopolis Drive, Proteos, Singapore 138673, Singapore; (B.Z.); "
        "(R.C.L.); (W.K.S.)"
    )
    (parsed,) = parse_affiliation(text)
    assert "(B.Z.)" not in parsed.text
    assert parsed.institution == "Institute of Molecular and Cell Biology (IMCB)"
    assert parsed.country_code == "SG"
    (with_mail,) = parse_affiliation(
        "Department of X, Kyoto University, Kyoto, Japan. Electronic address: a.b@kyoto-u.ac.jp."
    )
    assert with_mail.email == "a.b@kyoto-u.ac.jp"
    assert with_mail.institution == "Kyoto University"
    assert "@" not in with_mail.text


def test_several_institutions_in_one_string() -> None:
    parsed = parse_affiliation(
        "Institut Pasteur, Paris, France; Université Paris Cité, Paris, France."
    )
    assert [p.institution for p in parsed] == ["Institut Pasteur", "Université Paris Cité"]
    assert {p.country_code for p in parsed} == {"FR"}


def test_abstains_without_an_organisation() -> None:
    (parsed,) = parse_affiliation("Seoul, Republic of Korea")
    assert parsed.institution is None
    assert parsed.country_code == "KR"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("USA", "US"),
        ("P.R. China", "CN"),
        ("Republic of Korea", "KR"),
        ("The Netherlands", "NL"),
        ("England", "GB"),
        ("Germany", "DE"),
        ("Türkiye", "TR"),
        ("Guangxi", None),
    ],
)
def test_country_names(name: str, code: str | None) -> None:
    assert country_code(name) == code


# Real affiliations (pubmed21n1298, medline16n0902) whose country is not simply the last part.
COUNTRY_CASES = [
    ("Zhongshan Ophthalmic Center, Sun Yat-sen University, Guangzhou, China, 510060.", "CN"),
    ("Shin Kong Wu Ho‑Su Memorial Hospital, Taipei 11102, Taiwan, R.O.C.", "TW"),
    ("Centro Hospitalar de Lisboa Ocidental, Lisbon, Portugal (R. Teles).", "PT"),
    ("Beth Israel Deaconess Medical Center, Boston, Mass. Electronic address: e@bidmc.org.", "US"),
    ("Vanderbilt University Medical Center, Nashville, Tennessee.", "US"),
    ("Emory University, Atlanta, Georgia", "US"),
    ("Tbilisi State University, Tbilisi, Georgia", "GE"),
    ("Nazarbayev University, Nur-Sultan, Kazakhstan Republic.", "KZ"),
    ("School of Science, RMIT University Melbourne Victoria 3001 Australia.", "AU"),
    ("The University of Hong Kong, Pok Fu Lam, Hong Kong, SAR.", "HK"),
    (
        "Universität Leipzig Johannisallee 29 D-04103 Leipzig Germany hey@uni-leipzig.de "
        "https://anorganik.chemie.unileipzig.de/de/.",
        "DE",
    ),
    ("Makerere University College of Health Sciences, Kampala, Uganda (Dr Nakabuye).", "UG"),
    ("School of Medicine and Public Health, University of Newcastle, New South Wales.", "AU"),
]


@pytest.mark.parametrize(("text", "code"), COUNTRY_CASES)
def test_country_where_the_string_states_it(text: str, code: str) -> None:
    assert [parsed.country_code for parsed in parse_affiliation(text)] == [code]


def test_a_segment_takes_its_own_state_not_the_next_segments_country() -> None:
    parsed = parse_affiliation(
        "Mayo Clinic College of Medicine, Rochester, Minnesota; Dalhousie University, Halifax, "
        "Nova Scotia, Canada."
    )
    assert [(p.city, p.region, p.country_code) for p in parsed] == [
        ("Rochester", "Minnesota", "US"),
        ("Halifax", "Nova Scotia", "CA"),
    ]


def test_an_acronym_of_a_research_body_is_not_taken_for_the_city() -> None:
    parsed = parse_affiliation(
        "Institut de la Mer de Villefranche, Sorbonne Université, CNRS, Villefranche-sur-Mer, "
        "France."
    )[0]
    assert parsed.city == "Villefranche-sur-Mer" and "CNRS" in parsed.units


def test_a_region_code_between_the_town_and_a_separate_postal_code() -> None:
    parsed = parse_affiliation(
        "Montreal Children's Hospital, Division of Dermatology, McGill University Health Centre, "
        "1001 Decarie Boulevard, Montreal, QC, H4A 3J1, Canada."
    )[0]
    assert (parsed.city, parsed.region, parsed.postal_code) == ("Montreal", "QC", "H4A 3J1")
    assert parsed.country_code == "CA"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Département de Pharmacologie, Ecole de Médecine, Genève, Suisse.", "CH"),
        ("Abteilung für klinische Morphologie, Universität Ulm, BRD.", "DE"),
        (
            "Universidad Nacional de Matanza, Buenos Aires, Argentina. ORCID:0000-0002-6492-2368.",
            "AR",
        ),
    ],
)
def test_countries_in_their_own_language_former_names_and_orcid_tails(text: str, code: str) -> None:
    parsed = parse_affiliation(text)[0]
    assert parsed.country_code == code
    assert "ORCID" not in parsed.text


def test_a_spanish_university_is_not_read_as_the_town() -> None:
    parsed = parse_affiliation("Universidad Nacional de Matanza, Buenos Aires, Argentina.")[0]
    assert parsed.city == "Buenos Aires" and parsed.units == ("Universidad Nacional de Matanza",)


def test_a_full_stop_between_two_names_separates_them() -> None:
    parsed = parse_affiliation(
        "Unidad de Posgrados. Universidad Nacional Autónoma de México, Mexico."
    )[0]
    assert parsed.units == ("Unidad de Posgrados", "Universidad Nacional Autónoma de México")
    # not after an abbreviation
    parsed = parse_affiliation("Dept. of Medicine, Washington University, St. Louis, MO")[0]
    assert parsed.units == ("Dept. of Medicine", "Washington University")
    assert parsed.city == "St. Louis"


def test_a_postal_code_alone_before_the_town() -> None:
    parsed = parse_affiliation(
        "Department of Anesthesia and Intensive Care Medicine, Humanitas Clinical and Research "
        "Center-IRCCS, Via Manzoni 56, 20089, Rozzano, Italy."
    )[0]
    assert (parsed.city, parsed.postal_code) == ("Rozzano", "20089")


@pytest.mark.parametrize(
    ("text", "units", "city", "postal_code"),
    [
        (
            "Radboud University Medical Center, Geert Grooteplein 10, 6525 GA Nijmegen, the "
            "Netherlands",
            ("Radboud University Medical Center",),
            "Nijmegen",
            "6525 GA",
        ),
        (
            "Karolinska Institutet, Solnavägen 1, 171 77 Stockholm, Sweden",
            ("Karolinska Institutet",),
            "Stockholm",
            "171 77",
        ),
        (
            "Klinikum rechts der Isar, Ismaninger Str. 22, 81675 München, Germany",
            ("Klinikum rechts der Isar",),
            "München",
            "81675",
        ),
        (
            "Institut Pasteur, 25-28 rue du Docteur Roux, 75015 Paris, France",
            ("Institut Pasteur",),
            "Paris",
            "75015",
        ),
    ],
)
def test_a_postal_code_before_the_town_and_one_word_street_names(
    text: str, units: tuple[str, ...], city: str, postal_code: str
) -> None:
    parsed = parse_affiliation(text)[0]
    assert (parsed.units, parsed.city, parsed.postal_code) == (units, city, postal_code)


def test_cedex_and_its_number_are_not_part_of_the_town() -> None:
    parsed = parse_affiliation(
        "Service de médecine Interne, hôpital Nord, centre hospitalier universitaire de "
        "Saint-Étienne, 42055 Saint-Étienne cedex 02, France. Electronic address: "
        "martin.killian@chu-st-etienne.fr."
    )[0]
    assert (parsed.city, parsed.postal_code) == ("Saint-Étienne", "42055")
