"""Grounding real PubMed affiliation strings (pubmed21n1298 and the seeds) to institutions."""

from __future__ import annotations

import pytest

from kg.institutions.grounding import ground_affiliation, institution_node_id


def one(text: str):  # type: ignore[no-untyped-def]
    found = ground_affiliation(text)
    assert len(found) == 1, found
    return found[0]


def test_the_hospital_not_its_university_is_the_institution() -> None:
    found = one(
        "Département de génétique, Hôpital Pitié-Salpêtrière, AP-HP, Sorbonne Université, "
        "Paris 75013, France."
    )
    assert found.ror == "02mh9a093"
    assert found.department == "Département de génétique"
    # The parent is the nearest larger organisation the string names that ROR holds.
    assert found.parent == "Sorbonne Université" and found.parent_ror == "02en5vm52"
    assert (found.city, found.postal_code, found.country_code) == ("Paris", "75013", "FR")


def test_a_school_inside_a_university_is_a_department_of_it() -> None:
    found = one(
        "King's Lab, Shanghai Jiao Tong University School of Pharmacy, Shanghai 200240, China."
    )
    assert found.ror == "0220qvk04"
    found = one(
        "Department of Surgery and Science, Graduate School of Medical Sciences, Kyushu "
        "University, Fukuoka, Japan. yoshizumi.tomoharu.717@m.kyushu-u.ac.jp."
    )
    assert found.ror == "00p4k0j84"
    assert (
        found.department == "Department of Surgery and Science, Graduate School of Medical Sciences"
    )
    assert found.email == "yoshizumi.tomoharu.717@m.kyushu-u.ac.jp"


def test_a_name_is_only_grounded_in_the_affiliations_country() -> None:
    # ROR holds a "St Michael's Hospital" in Bristol; in Toronto it is another record.
    toronto = one("St. Michael's Hospital, Toronto, ON, Canada")
    assert toronto.ror == "04skqfp25"
    bristol = one("St Michael's Hospital, Bristol, UK")
    assert bristol.ror == "02hqqna27"


def test_unknown_organisations_keep_their_name_and_variants_meet() -> None:
    first = one(
        "Paracrine Therapeutics Pte. Ltd., 10 Choa Chu Kang Grove, Singapore 688207, Singapore"
    )
    second = one("Paracrine Therapeutics, Singapore")
    assert first.ror is None and first.id == second.id == "inst:paracrine-therapeutics-sg"
    assert institution_node_id("Tom Baker Cancer Centre", "CA") == institution_node_id(
        "Tom Baker Cancer Center", "CA"
    )


def test_a_generic_hospital_name_is_qualified_by_its_university() -> None:
    found = one(
        "Department of Thoracic Surgery, First Affiliated Hospital, College of Medicine, "
        "Zhejiang University, Hangzhou 310003, China."
    )
    assert found.name == "First Affiliated Hospital, Zhejiang University"
    assert found.parent_ror == "00a2xv884"
    assert ground_affiliation("University Hospital, Germany") == ()


def test_two_organisations_joined_by_and_are_both_kept() -> None:
    found = ground_affiliation(
        "Department of Radiology, Division of Thoracic Imaging and Intervention, Massachusetts "
        "General Hospital & Harvard Medical School, Boston, Massachusetts."
    )
    # A university's school is a department of the university.
    assert [(item.name, item.department) for item in found] == [
        (
            "Massachusetts General Hospital",
            "Department of Radiology, Division of Thoracic Imaging and Intervention",
        ),
        (
            "Harvard University",
            "Department of Radiology, Division of Thoracic Imaging and Intervention",
        ),
    ]
    assert {item.country_code for item in found} == {"US"}  # the state names the country


def test_several_segments_give_several_institutions_each_with_its_country() -> None:
    found = ground_affiliation(
        "Department of Cardiovascular Medicine, Mayo Clinic College of Medicine, Rochester, "
        "Minnesota; Department of Medicine, Division of Cardiology, Dalhousie University, "
        "Halifax, Nova Scotia, Canada. Electronic address: smulvagh@mayo.edu."
    )
    assert [(item.ror, item.country_code) for item in found] == [
        ("02qp3tb03", "US"),
        ("01e6qks80", "CA"),
    ]


def test_an_academy_institute_is_an_organisation_of_its_own() -> None:
    found = one(
        'Institute of Optical Materials and Technologies "Acad. J. Malinowski", Bulgarian '
        "Academy of Sciences, 1113 Sofia, Bulgaria."
    )
    assert found.name.startswith("Institute of Optical Materials and Technologies")
    assert found.parent == "Bulgarian Academy of Sciences" and found.parent_ror == "01x8hew03"


def test_run_in_address_and_country_without_commas() -> None:
    found = one("School of Science, RMIT University Melbourne Victoria 3001 Australia.")
    assert (found.name, found.country_code) == ("RMIT University", "AU")
    found = one(
        "Radiochemistry and Molecular Imaging Probes Core, Memorial Sloan Kettering Cancer "
        "Center New York NY 10065 USA."
    )
    assert found.ror == "02yrq0923"


def test_nothing_organisational_gives_nothing() -> None:
    assert ground_affiliation("Boston, MA, USA") == ()
    assert ground_affiliation("") == ()


def test_spelling_variants_of_a_ror_name_are_found_in_the_same_country() -> None:
    typo = one("CReATe Fertilty Center, Toronto, ON M5G 1N8, Canada;")  # sic
    assert (typo.ror, typo.matched_by) == ("047acnh17", "near-spelling")
    merged = one(
        "Department of Internal Medicine, Section of Geriatric Medicine, Amsterdam Public Health "
        "Research Institute, AmsterdamUMC, University of Amsterdam, Amsterdam, the Netherlands."
    )
    assert (merged.ror, merged.parent_ror) == ("05grdyy37", "04dkp9463")
    assert one("Department of Orthopaedics, Gothenburg University, Gothenburg, Sweden.").ror == (
        "01tm6cn81"
    )
    # One letter apart at the start of a word is another place, not a typo.
    assert (
        one("Guizhou University, Guiyang, China").id != one("Huizhou University, Huizhou, China").id
    )


def test_a_campus_is_preferred_to_its_system_when_the_city_says_so() -> None:
    found = ground_affiliation(
        "Department of Medicine/Cardiology, David Geffen School of Medicine at University of "
        "California, Los Angeles, Los Angeles, CA, USA."
    )
    assert [item.name for item in found] == ["University of California, Los Angeles"]


def test_ror_hierarchy_picks_the_hospital_inside_a_hospital_group() -> None:
    found = ground_affiliation(
        "Département d'Anesthésie-Réanimation, Hospices Civils de Lyon, Hôpital Femme Mère "
        "Enfant, Université Claude Bernard Lyon 1, Lyon, France."
    )
    hospital = found[0]
    assert hospital.ror == "006yspz11" and hospital.parent_ror == "01502ca60"


def test_a_further_organisation_after_a_new_department_list_is_kept() -> None:
    found = ground_affiliation(
        "Division of Gastroenterology, Cincinnati Children's Hospital Medical Center, "
        "Department of Pediatrics, University of Cincinnati College of Medicine, OH, USA."
    )
    assert [(item.name, item.ror) for item in found] == [
        ("Cincinnati Children's Hospital Medical Center", None),
        ("University of Cincinnati", "01e3m7079"),
    ]
    assert found[1].department == "Department of Pediatrics"


def test_hong_kong_keeps_its_own_code_when_china_follows() -> None:
    found = one(
        "Department of Physics, The Chinese University of Hong Kong, New Territories, Hong "
        "Kong, 999077, China."
    )
    assert (found.ror, found.country_code) == ("00t33hh48", "HK")


def test_a_hospital_written_with_and_without_its_university_is_one_node() -> None:
    with_owner = one("Central China Fuwai Hospital of Zhengzhou University, Zhengzhou, China")
    without = one("Department of Cardiology, Central China Fuwai Hospital, Zhengzhou, China")
    assert with_owner.id == without.id
    # A generic hospital name keeps the university that tells it apart.
    first = one("The First Affiliated Hospital of Zhengzhou University, Zhengzhou, China")
    other = one("The First Affiliated Hospital of Nanjing Medical University, Nanjing, China")
    assert first.id != other.id


def test_a_national_research_body_of_a_joint_unit_is_an_organisation_too() -> None:
    found = ground_affiliation("Nutrition, Diabetes, and the Brain, INSERM U1213, Lyon, France.")
    assert "02vjkv261" in {item.ror for item in found}  # Inserm
    # "LAAS-CNRS" is a CNRS laboratory: the laboratory is the organisation, not CNRS itself.
    assert "02feahw73" not in {
        item.ror
        for item in ground_affiliation("LAAS-CNRS, Université de Toulouse, Toulouse, France")
    }


def test_a_whole_name_wins_over_a_name_cut_of_its_country_without_a_country() -> None:
    assert one("University College London.").ror == "02jx3x895"  # not UCL Qatar


def test_a_longer_spelling_of_a_name_in_the_same_city_is_found() -> None:
    found = one(
        "Servicio de Cirugía General y Digestiva, Hospital Clínico Universitario Virgen de la "
        "Arrixaca, Murcia, España."
    )
    assert (found.ror, found.matched_by, found.country_code) == ("058thx797", "same-city", "ES")


def test_names_cut_by_commas_or_read_as_places_are_put_back() -> None:
    madras = one("Indian Institute of Technology, Madras, Chennai, 600036, India.")
    assert "Madras" in madras.name and madras.ror is not None
    leuven = one("Faculty of Psychology and Educational Sciences, KU Leuven, Belgium")
    assert leuven.name == "KU Leuven" and leuven.ror is not None


def test_a_specialty_clinic_is_a_department_of_the_university_after_it() -> None:
    found = one(
        "From the Department of Surgery and Translational Medicine, Eye Clinic, University of "
        "Florence, Florence, Italy."
    )
    assert found.ror == "04jr1s763" and "Eye Clinic" in (found.department or "")


def test_a_system_named_in_a_campus_town_is_that_campus() -> None:
    found = one(
        "University of Colorado School of Medicine, 13001 E 17th Pl, Aurora, CO 80045, USA."
    )
    assert found.ror == "03wmf1y16"  # Anschutz Medical Campus, not the system seated in Boulder


def test_a_hospital_run_by_a_hospital_group_stays_the_institution() -> None:
    found = one(
        "Department of Cardiology, Rigshospitalet, Copenhagen University Hospital, "
        "Copenhagen, Denmark."
    )
    assert found.ror == "03mchdq19"


def test_a_government_agencys_research_centre_is_its_own_institution() -> None:
    found = one(
        "Egg Safety and Quality Research Unit, U.S. National Poultry Research Center, "
        "Agricultural Research Service, United States Department of Agriculture, Athens, GA, USA."
    )
    assert found.ror is None and found.name == "U.S. National Poultry Research Center"
    assert found.parent_ror == "02d2m2044"  # the Agricultural Research Service


def test_a_french_university_hospital_under_its_english_name() -> None:
    found = one("Department of Dermatology, Nantes University Hospital, Nantes, France.")
    assert found.ror == "05c1qsg97"  # Centre Hospitalier Universitaire de Nantes


def test_an_acronym_before_the_town_and_state_is_not_the_town() -> None:
    found = one("Laboratory of Pathology, Center for Cancer Research, NCI, Bethesda, Maryland.")
    assert found.city == "Bethesda" and found.country_code == "US"


# Records of the 1970s (pubmed20n0014) often end with the town alone.


def test_a_town_alone_gives_the_country_when_ror_places_it_in_one() -> None:
    found = one(
        "Department of Urology, University of Virginia School of Medicine, Charlottesville."
    )
    assert (found.ror, found.city, found.country_code) == ("0153tk833", "Charlottesville", "US")
    found = one("Department of Medicine, University of North Carolina, Chapel Hill 27514.")
    assert (found.city, found.postal_code, found.country_code) == ("Chapel Hill", "27514", "US")
    assert found.ror == "0130frc33"  # the Chapel Hill campus, not the system


def test_a_grounded_organisation_gives_its_country_when_the_string_names_none() -> None:
    found = one("School of Medicine, University of Pittsburgh.")
    assert found.ror == "01an3r305" and found.country_code == "US" and found.city is None


def test_a_name_cut_by_several_commas_is_put_back_together() -> None:
    found = one("Clinic of Surgery, National Heart, Lung, and Blood Institute, Bethesda, Md.")
    assert found.ror == "012pb6c26"


def test_a_bare_name_after_the_departments_is_the_organisation() -> None:
    found = one("Department of Clinical Chemistry, Rikshopitalet, Oslo, Norway.")
    assert found.name == "Rikshopitalet" and found.city == "Oslo" and found.ror is None
    assert one("Research Department, Nyegaard & Co., Oslo, Norway.").name == "Nyegaard & Co."


def test_a_hospitals_foundation_is_not_the_hospital() -> None:
    found = ground_affiliation(
        "Montreal Children's Hospital, Division of Dermatology, McGill University Health Centre, "
        "1001 Decarie Boulevard, Montreal, QC, H4A 3J1, Canada."
    )[0]
    assert found.name == "Montreal Children's Hospital" and found.ror is None  # not 00wjjn096


def test_a_university_whose_ror_name_carries_its_town() -> None:
    found = one(
        "Department of Surgery, Washington University School of Medicine, St. Louis, "
        "Missouri 63110, USA."
    )
    assert (found.ror, found.city, found.region) == ("01yc7t268", "St. Louis", "Missouri")


def test_a_hospital_named_in_either_languages_word_order() -> None:
    found = ground_affiliation(
        "Biochemistry Department, Hôpital Bicêtre, APHP Université Paris-Saclay, "
        "Le Kremlin Bicêtre F-94275, France."
    )[0]
    assert found.ror == "05c9p1x46"  # ROR: "Bicêtre Hospital"


def test_a_german_clinic_is_a_department_of_its_university_hospital() -> None:
    found = one("Neurologische Klinik, Universitätsklinikum Heidelberg, Heidelberg, Deutschland.")
    assert found.ror == "013czdx64" and found.department == "Neurologische Klinik"


def test_a_university_system_in_a_campus_town_is_that_campus() -> None:
    assert one("Department of Surgery, University of Texas Medical School, Houston.").ror == (
        "03gds6c39"  # UTHealth Houston, not the University of Texas System
    )
    found = one("State University of New York, Downstate Medical Center, Brooklyn 11203.")
    assert found.ror == "0041qmd21"
    # The town's observatory is not a campus of the university seated next door.
    lyon = ground_affiliation(
        "Département d'Anesthésie-Réanimation, Hospices Civils de Lyon, Hôpital Femme Mère "
        "Enfant, Université Claude Bernard Lyon 1, Lyon, France."
    )
    assert "03j307b25" not in {item.ror for item in lyon}


def test_a_hospital_named_after_a_saint_in_another_town_is_not_rors_one() -> None:
    found = one("St. Joseph Hospital, Houston, TX 77002, USA.")
    assert found.ror is None and found.name == "St. Joseph Hospital"  # ROR's is in Chicago


def test_a_street_name_is_not_a_company() -> None:
    # "Companys" is a street in Barcelona; the acronym before it is the organisation.
    assert one("ICREA, Passeig Lluís Companys 23 E-08010 Barcelona Spain.").ror == "0371hy230"


def test_the_town_before_a_province_with_its_postal_code() -> None:
    found = one(
        "State Key Laboratory of Geological Processes and Mineral Resources, China University "
        "of Geosciences, Wuhan, Hubei 430074, China."
    )
    assert (found.ror, found.city) == ("04gcegc37", "Wuhan")


def test_a_private_bag_is_an_address_not_an_organisation() -> None:
    found = one(
        "Institute of Environmental Science and Research Limited, Private Bag 92021, "
        "Auckland 1142, New Zealand"
    )
    assert found.name.startswith("Institute of Environmental Science") and found.city == "Auckland"


def test_the_charites_corporate_members_are_not_further_workplaces() -> None:
    found = ground_affiliation(
        "Department of Neurology and Experimental Neurology, Charité - Universitätsmedizin "
        "Berlin, Corporate Member of Freie Universität Berlin, Humboldt-Universität zu Berlin, "
        "and Berlin Institute of Health, Charitéplatz 1, 10117, Berlin, Germany."
    )
    assert [item.ror for item in found] == ["001w7jn25"]
    assert (found[0].city, found[0].postal_code) == ("Berlin", "10117")


def test_a_college_or_institute_ror_names_after_its_university_is_a_department() -> None:
    found = one(
        "Department of Oncology, Shanghai Medical College, Fudan University, Shanghai, "
        "People's Republic of China."
    )
    assert found.ror == "013q1eq08"  # Fudan, not "Shanghai Medical College of Fudan University"
    found = one(
        "Department of Surgery, Medical Institute of Bioregulation, Kyushu University, "
        "Beppu, Japan."
    )
    assert found.ror == "00p4k0j84"


def test_an_agencys_institute_named_by_its_acronym() -> None:
    found = one(
        "Neonatal and Pediatric Medicine Branch, NICHD, National Institutes of Health, "
        "Bethesda, Maryland 20014."
    )
    assert found.name == "NICHD" and found.parent_ror == "01cwqze88"  # not NIH itself


def test_a_shorter_name_of_another_university_is_not_cut_out_of_a_name() -> None:
    found = one(
        "Department of Physiology, Faculty of Medicine, Kashan University of Medical Sciences, "
        "Kashan, Iran. bagherimohammadi-sa@sbmu.ac.ir."
    )
    assert found.ror != "015zmr509"  # the University of Kashan is another university
    assert found.name == "Kashan University of Medical Sciences"


def test_a_universitys_chair_in_another_town_is_not_its_campus() -> None:
    found = ground_affiliation(
        "Universidade Católica Portuguesa, CBQF-Centro de Biotecnologia e Química Fina-"
        "Laboratório Associado, Escola Superior de Biotecnologia, Porto, Portugal."
    )[0]
    assert found.ror == "03b9snr86"  # not ROR's "Cátedra Poesia e Transcendência …" in Porto


def test_grounding_does_not_depend_on_what_was_grounded_before() -> None:
    from kg.institutions.matcher import default_matcher

    texts = [
        "Internet Institute, Oxford University, Oxford, United Kingdom.",
        "SPECTRUM Consortium, London, UK.",
        "Department of Behavioural Science and Health, University College London, London, UK.",
    ]
    answers = []
    for order in (texts, texts[::-1]):
        ground_affiliation.cache_clear()
        default_matcher().memo.clear()
        answers.append({text: [item.id for item in ground_affiliation(text)] for text in order})
    assert answers[0] == answers[1]
    assert answers[0][texts[1]] == ["inst:spectrum-consortium-gb"]


def test_a_school_named_after_a_person_is_its_universitys() -> None:
    assert one("Department of Surgery, University of Chicago Pritzker School of Medicine.").ror == (
        "024mw5h28"
    )
    harvard = (
        "Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston, "
        "Massachusetts."
    )
    assert one(harvard).ror == "03vek6s52"  # "Harvard" + "University"
    hopkins = ground_affiliation(
        "Institute for Vaccine Safety, Department of International Health, Department of "
        "Health, Behavior and Society, Johns Hopkins Bloomberg School of Public Health, "
        "Baltimore, Maryland."
    )
    # "Behavior and Society", a department's name cut at a comma, is no parent body
    assert [found.ror for found in hopkins] == ["00za53h95"]


def test_a_system_and_its_flagship_sharing_a_name_give_the_flagship_in_its_town() -> None:
    assert one("Department of Oceanography, University of Hawaii, Honolulu, HI, USA.").ror == (
        "01wspgy28"  # Mānoa, not the University of Hawaii System, both in Honolulu
    )
    assert one("Department of Medicine, University of Hawaii, Hilo, HI, USA.").ror is None


def test_a_kind_word_before_university_makes_another_university() -> None:
    found = one(
        "Institute of Genetic Epidemiology, Department of Genetics and Pharmacology, Medical "
        "University of Innsbruck, Innsbruck, Austria."
    )
    assert found.ror == "03pt86f80"  # Innsbruck Medical University, not Universität Innsbruck
    kentucky = one(
        "Department of Pharmacy Practice and Science University of Kentucky College of Pharmacy "
        "Lexington Kentucky USA."
    )
    assert kentucky.ror == "02k3smh20"  # a subject word ends the department's name


def test_a_faculty_or_institute_of_a_university_in_romance_languages() -> None:
    found = one(
        "Instituto Oceanográfico da Universidade de São Paulo, 05508-120, Praça do "
        "Oceanográfico, 191, São Paulo, SP, Brazil."
    )
    assert found.ror == "036rp1748" and found.department == "Instituto Oceanográfico"
    idipaz = ground_affiliation(
        "Grupo de Investigación en Envejecimiento y Fragilidad, Instituto de Investigación "
        "Sanitaria del Hospital Universitario La Paz (IdiPAZ), Madrid, Spain."
    )
    assert "01s1q0w69" not in {found.ror for found in idipaz}  # a foundation, not the hospital


def test_a_renamed_organisation_is_found_by_the_acronym_of_its_old_name() -> None:
    found = ground_affiliation(
        "Department of Epidemiology, School of Public Health, University of Washington, Seattle, "
        "Washington; Division of Public Health Sciences, Fred Hutchinson Cancer Research Center, "
        "Seattle, Washington."
    )
    # FHCRC, now the Fred Hutchinson Cancer Center
    assert [item.ror for item in found] == ["00cvxb145", "007ps6h72"]


def test_a_sibling_sharing_the_acronym_is_not_taken() -> None:
    found = one(
        "Division of Vascular and Endovascular Surgery, Department of Surgery, Beth Israel "
        "Deaconess Medical Center, Boston, Mass."
    )
    assert found.ror is None  # not ROR's "Beth Israel Deaconess Hospital", also "BIDMC"


def test_a_name_without_the_acronym_ror_puts_before_it() -> None:
    found = one(
        "Department of Automation and Process Engineering, The Arctic University of Norway, Norway."
    )
    assert found.ror == "00wge5k78"  # "UiT The Arctic University of Norway"
    usda = ground_affiliation(
        "Egg Safety and Quality Research Unit, U.S. National Poultry Research Center, "
        "Agricultural Research Service, United States Department of Agriculture, Athens, GA, USA."
    )
    assert "02891sr49" not in {item.ror for item in usda}  # "MSD United States" is not "US"


def test_frances_national_bodies_overseas() -> None:
    found = one("UMR Ecologie des Forêts de Guyane, CNRS, Kourou Cedex, French Guiana.")
    assert found.ror == "02feahw73" and found.country_code == "GF"


def test_a_universitys_health_sciences_campus_is_the_university_in_its_town() -> None:
    wisconsin = one(
        "Department of Surgery and Veterinary Science, University of Wisconsin Center for "
        "Health Sciences, Madison."
    )
    assert wisconsin.ror == "01y2jtd41"  # UW–Madison, not the system seated in Madison too
    minnesota = one(
        "Department of Surgery, University of Minnesota Health Science Center, Minneapolis."
    )
    assert minnesota.ror == "017zqws13"
    shanghai = one(
        "Business School, University of Shanghai for Science and Technology, Shanghai, 200093, "
        "PR China."
    )
    assert shanghai.ror == "00ay9v204"  # not "Shanghai Business School"


def test_a_joint_research_unit_is_hosted_by_the_organisations_named_with_it() -> None:
    roussy = ground_affiliation(
        "INSERM, Unité Mixte de Recherche 1287, Institut Gustave Roussy, Villejuif, France."
    )
    # the host is the institution, not Inserm's parent; Inserm is kept beside it
    assert [item.ror for item in roussy] == ["0321g0743", "02vjkv261"]
    bicetre = ground_affiliation(
        "Department of Neurology, French National Reference Centre for Familial Amyloidotic "
        "Polyneuropathy, CHU Bicêtre, Université Paris-Saclay APHP, INSERM U1195, 94276, Le "
        "Kremlin-Bicêtre, France."
    )
    # "INSERM U1195" is a joint laboratory, not ROR's record of it; "CHU Bicêtre" is ROR's
    # "Bicêtre Hospital"; "Université Paris-Saclay" is not "Université (de) Paris"
    assert [item.ror for item in bicetre] == ["05c9p1x46", "02vjkv261"]
    assert bicetre[0].parent_ror != "05f82e368"


def test_a_hospital_after_a_university_is_another_workplace_not_its_parent() -> None:
    rouen = ground_affiliation(
        "Normandie Univ, UNIROUEN, Inserm U1245, CHU Rouen, Department of Genetics and "
        "CNR-MAJ, F-76000, Rouen, France."
    )
    assert [item.ror for item in rouen] == ["03nhjew95", "04cdk4t75", "02vjkv261"]
    detroit = ground_affiliation(
        "Department of Pathology, Wayne State University School of Medicine, Harper Hospital, "
        "and Karmanos Cancer Institute, Detroit, Michigan 48201, USA."
    )
    # an institute after a hospital is not the hospital's parent
    assert {item.ror for item in detroit} >= {"01070mq45", "00ee40h97"}


def test_a_company_under_its_legal_form() -> None:
    moderna = one("Moderna, Inc, 200 Technology Square, Cambridge, MA 02139, United States.")
    assert moderna.ror == "01xm4wg91"  # "Moderna Therapeutics (United States)"
    merck = one("Merck & Co., Inc., Kenilworth, NJ.")
    assert merck.ror == "02891sr49"  # ROR: "Merck & Co., Inc., Rahway, NJ, USA"


def test_an_organisation_read_as_the_region_is_put_back() -> None:
    found = one(
        "Dipartimento di Chimica, Materiali e Ingegneria Chimica, Giulio Natta, Politecnico di "
        "Milano, Italy."
    )
    assert found.ror == "01nffqt88"


def test_a_college_after_its_university_is_not_joined_into_rors_college() -> None:
    found = one(
        "Department of Oral & Maxillofacial Surgery, Yonsei University, College of Dentistry, "
        "Seoul, Korea."
    )
    assert found.ror == "01wjejq96"  # Yonsei University, not its College of Dentistry record


def test_an_academys_centre_is_its_own_an_agencys_is_a_department() -> None:
    riken = one(
        "Center for Sustainable Resource Science, RIKEN, 1-7-22, Suehiro-cho, Tsurumi-ku, "
        "Yokohama, Kanagawa, 230-0045, Japan."
    )
    assert riken.ror == "010rf2m76" and riken.parent_ror == "01sjwvz98"
    nci = one("Laboratory of Pathology, Center for Cancer Research, NCI, Bethesda, Maryland.")
    assert nci.ror == "040gcmg81"


def test_a_companys_research_laboratories_are_the_company() -> None:
    found = one("Merck Sharp & Dohme Research Laboratories, West Point, Pennsylvania 19486.")
    assert found.ror == "02891sr49"
    purdue = ground_affiliation(
        "Purdue Energetics Research Center, Purdue University, 205 Gates Road, West Lafayette, "
        "Indiana 47906, United States."
    )
    assert "030vvs717" not in {item.ror for item in purdue}  # not Purdue Pharma


def test_a_hospital_by_its_one_proper_name_in_its_town() -> None:
    found = one("Department of Dermatology, Bichat Hospital, AP-HP, Paris, France.")
    assert found.ror == "03fdnmv92"  # "Hôpital Bichat-Claude-Bernard"
    xiangya = one("Department of Surgery, Xiangya Hospital, Changsha, China.")
    assert xiangya.ror == "05c1yfj14"  # "Xiangya Hospital Central South University"
    second = one(
        "Department of Pediatrics, Second Xiangya Hospital, Central South University, Changsha, "
        "Hunan, China."
    )
    assert second.ror != "05c1yfj14"  # another hospital of the same name


def test_a_university_hospital_written_without_university() -> None:
    found = one(
        "Clinic for Infectious and Tropical Diseases, Clinical Centre of Serbia, Faculty of "
        "Medicine, University of Belgrade, Belgrade, Serbia."
    )
    assert found.ror == "02122at02" and found.parent_ror == "02qsmb048"


def test_either_half_of_a_name_joined_by_a_dash() -> None:
    technion = one("Rappaport Faculty of Medicine, Israel Institute of Technology, Haifa, Israel")
    assert technion.ror == "03qryx823"  # "Technion – Israel Institute of Technology"
    tromso = one(
        "Tromsø museum, University of Tromsø, PO Box 6050, Langnes, N-9037, Tromsø, Norway."
    )
    assert tromso.ror == "00wge5k78"  # "University of Tromsø - The Arctic University of Norway"


def test_italian_dutch_and_plural_forms_of_a_name() -> None:
    naples = one(
        'Department of Pharmacy, University of Napoli "Federico II", Via D. Montesano 49, 80131 '
        "Napoli, Italy."
    )
    assert naples.ror == "05290cv24"  # "Università degli Studi di Napoli Federico II"
    leuven = ground_affiliation(
        "Department of General Medical Oncology, University Hospitals Leuven, Leuven Cancer "
        "Institute, Leuven, Belgium"
    )
    assert leuven[0].ror == "0424bsv16"  # "Universitair Ziekenhuis Leuven"


def test_an_acronym_several_organisations_share_is_read_in_its_town() -> None:
    found = one("Department of Applied Mechanics, IITM, Chennai, 600036, India.")
    assert found.ror == "03v0r5n49"  # IIT Madras, not the IITM of Pune


def test_a_programme_with_a_longer_name_is_not_an_organisation_of_its_town() -> None:
    found = one(
        "National Engineering Laboratory for Crop Molecular Breeding, National Center of Space "
        "Mutagenesis for Crop Improvement, Institute of Crop Sciences, Chinese Academy of "
        "Agricultural Sciences, Beijing, China."
    )
    assert found.ror == "051abs833"  # not the National Space Science Center


def test_a_footnote_number_and_a_department_run_into_the_university() -> None:
    found = ground_affiliation(
        "1Department of Biochemistry and Biophysics, Stockholm University, Sweden; 2The National "
        "Institute of Chemical Physics and Biophysics, Tallinn, Estonia."
    )
    assert [item.ror for item in found] == ["05f0yaq80", "03eqd4a41"]
    toronto = one("Speech-Language Pathology University of Toronto Ontario Canada.")
    assert toronto.ror == "03dbr7087"


# One real string each, and the one ROR record it must ground to (None: an institution ROR's
# partial dump does not hold, which must not be given another's record).
GROUNDED_TO = [
    pytest.param(
        "Innovative Vector Control Consortium (IVCC), Liverpool School of Tropical Medicine, "
        "Liverpool, UK. Electronic address: david.malone@ivcc.com.",
        "03svjbs84",
        id="a school named after its town is found as itself",
    ),
    pytest.param(
        "Wien Center for Alzheimer's Disease and Memory Disorders, Mount Sinai Medical Center, "
        "Miami Beach, FL.",
        "00wgjpw02",
        id="a mountain-named hospital in its own town",
    ),
    pytest.param(
        "Speech-Language Pathology University of Toronto Ontario Canada.",
        "03dbr7087",
        id="a department run into 'University of ...' leaves the university",
    ),
    pytest.param(
        "Comprehensive Cancer Center, Wake Forest School of Medicine, Winston-Salem, NC, 27157, "
        "USA.",
        "0207ad724",
        id="a cancer centre ROR places under the university is its department",
    ),
    pytest.param(
        "Department of Oncology, Karmanos Cancer Institute, Wayne State University, Detroit, USA.",
        "00ee40h97",
        id="an independent institute 'at' a university stays itself",
    ),
    pytest.param(
        "Radboud Institute for Health Sciences, Scientific Centre for Quality of Healthcare (IQ "
        "Healthcare), Radboud University Medical Centre, Nijmegen, The Netherlands.",
        "05wg1m734",
        id="an institute whose ROR name holds its hospital's is a department",
    ),
    pytest.param(
        "Department of Hematopathology, MD Anderson Cancer Center, 1515 Holcombe Blvd, Houston, "
        "Texas, 77030, US. Electronic address: fvega@mdanderson.org.",
        "04twxam07",
        id="a name ROR writes after its parent's name",
    ),
    pytest.param(
        "Department of Leukemia, MD Anderson Cancer Center, The University of Texas, Houston, TX, "
        "USA.",
        "04twxam07",
        id="a system's cancer centre stays itself before the system's name",
    ),
    pytest.param(
        "Department of Psychiatry, Indiana University School of Medicine.",
        "01kg8sb98",
        id="a school ROR records under its university's name is the university",
    ),
    pytest.param(
        "Brudnick Neuropsychiatric Research Institute, Department of Psychiatry, University of "
        "Massachusetts Medical School, Worcester, MA 01604, USA.",
        "0464eyp60",
        id="a system's medical campus is a university of its own",
    ),
    pytest.param(
        "Hull-York-Medical-School (HYMS), University of York, York, United Kingdom.",
        "04m01e293",
        id="a medical school named with its university is its department",
    ),
    pytest.param(
        "Department of Molecular Medicine, Cleveland Clinic Lerner College of Medicine, Case "
        "Western Reserve University, Cleveland, OH, 44106, USA. engc@ccf.org.",
        "051fd9666",
        id="a college of medicine named with its university is its department",
    ),
    pytest.param(
        "Center for Value Based Care, Cleveland Clinic Foundation, Cleveland, OH, USA.",
        "03xjacd83",
        id="a clinic's foundation is the clinic",
    ),
    pytest.param(
        "Department of Surgery, University of Virginia Medical Center, Charlottesville.",
        None,
        id="a university's medical centre is a hospital, not the university",
    ),
    pytest.param(
        "Department of Anesthesiology, Surgery and Emergency, University of Campania Luigi "
        "Vanvitelli, Naples, Italy.",
        "02kqnpp86",
        id="a subject after 'and' is not the charity EMERGENCY",
    ),
    pytest.param(
        "Liver Diseases Center, The Second Xiangya Hospital of Central South University, "
        "Changsha, 410011 Hunan China.",
        None,
        id="a ranked hospital is not its unranked namesake",
    ),
    pytest.param(
        "Laboratory of Aquatic Biomedicine, College of Veterinary Medicine and Research Institute "
        "for Veterinary Science, Seoul National University, Seoul 08826, South Korea.",
        "04h9pn542",
        id="ROR's name for an institute may carry its university's acronym",
    ),
    pytest.param(
        "Department of Psychological Sciences, Birkbeck, University of London, London, UK.",
        "02mb95055",
        id="a university's ROR name with a comma, written as two parts",
    ),
    pytest.param(
        "Jonsson Comprehensive Cancer Center, UCLA, Los Angeles, CA 90095, USA.",
        "046rm7j60",
        id="a centre whose ROR name holds the acronym written after it",
    ),
    pytest.param(
        "Division of Pediatric Oncology, Sidney Kimmel Comprehensive Cancer Center, Johns Hopkins "
        "University School of Medicine, Baltimore, Maryland, USA.",
        "00za53h95",
        id="a centre named before a university of its town is its department",
    ),
    pytest.param(
        "Division of Epidemiology, Department of Medicine, Vanderbilt Epidemiology Center, "
        "Vanderbilt-Ingram Cancer Center, Vanderbilt University School of Medicine, Nashville, "
        "Tennessee.",
        "02vm5rt34",
        id="a centre ROR places under the university's medical centre",
    ),
    pytest.param(
        "Memorial Sloan Kettering Cancer Center, Weill Cornell Medical College, 1275 York Avenue, "
        "New York, NY 10065, USA. Electronic address: strausd@mskcc.org.",
        "02yrq0923",
        id="a free-standing cancer centre stays itself before a university",
    ),
    pytest.param(
        "Oncology Institute Veneto IOV-IRCCS, Padua, Italy.",
        "01xcjmy57",
        id="the hospital is found without the IRCCS status joined to it",
    ),
    pytest.param(
        "School of Life Sciences, Nanjing University, Nanjing, China.",
        "01rxvg760",
        id="a place-named university written alone is still found",
    ),
    pytest.param(
        "Breast Cancer Unit, Department of Cancer Medicine, Gustave Roussy, Villejuif, France.",
        "0321g0743",
        id="an institute by its proper name alone, in its own town",
    ),
    pytest.param(
        "Department of Radiology, Mayo Clinic, Jacksonville, FL, United States of America.",
        "03zzw1w08",
        id="the site ROR records in the stated town, not the seat",
    ),
    pytest.param(
        "Department of Radiology, Mayo Clinic, Rochester, MN, USA.",
        "02qp3tb03",
        id="the seat in its own town",
    ),
    pytest.param(
        "Department of Nephrology, Chang Gung Memorial Hospital, Linkou Branch, No. 5, Fuxing St., "
        "Guishan Dist., Taoyuan City 333423, Taiwan, ROC.",
        "02dnn6q67",
        id="Taoyuan City is ROR's Taoyuan: the hospital's branch there",
    ),
    pytest.param(
        "First Institute of Pathology and Experimental Cancer Research, Semmelweis University of "
        "Medicine, Budapest, Hungary.",
        "01g9ty582",
        id="a university 'of Medicine' is the university, not its health system",
    ),
    pytest.param(
        "University of Education, Lahore, Pakistan.",
        "052z7nw84",
        id="the record in the stated town, not one with its name as a former campus's",
    ),
    pytest.param(
        "Department of Clinical Microbiology, Copenhagen University Hospital, Hvidovre, Denmark.",
        "00edrn755",
        id="an umbrella hospital's member named after the stated town",
    ),
    pytest.param(
        "Department of Surgery, Faculty of Medicine, Universiti Kebangsaan Malaysia Medical "
        "Centre, Kuala Lumpur, Malaysia.",
        "01590nj79",
        id="Malay 'Universiti' is 'University'",
    ),
]


@pytest.mark.parametrize(("text", "ror"), GROUNDED_TO)
def test_grounded_to(text: str, ror: str | None) -> None:
    assert one(text).ror == ror


# One real string each, and the ROR record a looser reading used to give it.
NOT_GROUNDED_TO = [
    pytest.param(
        "Division of Pharmacology and Pharmaceutics Sciences, University of Missouri-Kansas City, "
        "2464 Charlotte Street, HSB-4242, Kansas City, MO, 64108, USA. leech@umkc.edu.",
        "052em3f88",
        id="a state in a written name makes another university than Kansas City University",
    ),
    pytest.param(
        "Klinik für Neurologie, Universitätsklinikum Magdeburg, Magdeburg, Deutschland.",
        "01trdns33",
        id="a university hospital is not its town's municipal Klinikum",
    ),
    pytest.param(
        "Robert Wood Johnson Medical School, Piscataway, NJ, USA.",
        "02ymmdj85",
        id="a medical school is not the foundation of the same name",
    ),
    pytest.param(
        "Center for Forested Watershed Research, USDA Forest Service, Cordesville, South "
        "Carolina, United States of America.",
        "01gmrmd93",
        id="a place is no half of 'Anderson University - South Carolina'",
    ),
    pytest.param(
        "Pediatric Dentistry Postgraduate Program, Faculty of Dentistry, San Luis Potosi "
        "University, 2 Manuel Nava, Zona Universitaria, 78290, San Luis Potosí, SLP, Mexico.",
        "00xjw1x97",
        id="a town's name alone is not the Universidad Tecnológica of that town",
    ),
    pytest.param(
        "Faculdade de Medicina, Instituto do Coracao (InCor), Hospital das Clinicas HCFMUSP, "
        "Universidade de Sao Paulo, Sao Paulo, Sao Paulo, Brazil. jose.nicolau@incor.usp.br.",
        "00w20ev23",
        id="a generic half of 'Faceres - Faculdade de Medicina' names nothing",
    ),
    pytest.param(
        "Department of Child Neurology and Psychiatry, Istituti di Ricovero e Cura a Carattere "
        "Scientifico (IRCCS) Mondino Foundation, Pavia, Italy.",
        "04tfzc498",
        id="Italy's IRCCS status is not the hospital that holds it",
    ),
    pytest.param(
        "Oasi Research Institute Istituti di Ricovero e Cura a Carattere Scientifico (IRCCS), "
        "Troina, Italy.",
        "04tfzc498",
        id="the IRCCS status after the hospital's name",
    ),
    pytest.param(
        "College of Food Science and Engineering, Nanjing University of Finance and Economics, "
        "Nanjing, China.",
        "01rxvg760",
        id="a place-named university 'of' a subject is another university",
    ),
    pytest.param(
        "School of Pharmacy, Chengdu University of Traditional Chinese Medicine, Chengdu, 611137, "
        "China. Electronic address: liurong-1116@126.com.",
        "034z67559",
        id="a university of Chinese medicine is not its town's university",
    ),
    pytest.param(
        "Faculty of Infectious and Tropical Diseases, London School of Hygiene & Tropical "
        "Medicine, London, UK.",
        "00fdbgx35",
        id="a subject is no institute's proper name (Hospital for Tropical Diseases)",
    ),
    pytest.param(
        "Department of Stomatology, Taizhou People's Hospital, Taizhou City, Jiangsu Province, "
        "China.",
        "00mdxnh77",
        id="a hospital of another rank in the town (Taizhou Second People's Hospital)",
    ),
    pytest.param(
        "University of Virginia Health System, Charlottesville, VA, USA.",
        "0153tk833",
        id="a university's health system is not the university",
    ),
    pytest.param(
        "Department of Orthopaedic Surgery, Virginia Commonwealth University Health Systems, "
        "Richmond, Virginia.",
        "02nkdxk79",
        id="a university's health systems, read in its town, are not the university",
    ),
    pytest.param(
        "Service de médecine Interne, hôpital Nord, centre hospitalier universitaire de "
        "Saint-Étienne, 42055 Saint-Étienne cedex 02, France.",
        "029a4pp87",
        id="a quarter's hospital of another town (Hôpital Nord, Marseille)",
    ),
    pytest.param(
        "Centro Cardiologico Monzino, IRCCS, Milano, Italy.",
        "04tfzc498",
        id="the IRCCS status alone between commas",
    ),
    pytest.param(
        "Community Medicine Department, Faculty of Medicine Universitas Indonesia, Jakarta, "
        "10320, Indonesia.",
        "00m57t258",
        id="initials of a run that starts with a subject (MUI, Monash University, Indonesia)",
    ),
]


@pytest.mark.parametrize(("text", "ror"), NOT_GROUNDED_TO)
def test_not_grounded_to(text: str, ror: str) -> None:
    assert ror not in {found.ror for found in ground_affiliation(text)}


# Strings naming several organisations (or one named twice): every institution, in order.
GROUNDED_IN_ORDER = [
    pytest.param(
        "Division of Gastroenterology, The Mount Sinai Medical Center, New York, New York, USA; "
        "Department of Otolaryngology-Head and Neck Surgery, Washington University School of "
        "Medicine, St. Louis, Missouri, USA.",
        [None, "01yc7t268"],
        id="a mountain-named hospital in another town is not ROR's one",
    ),
    pytest.param(
        "Department of Medicine, UNC Lineberger Comprehensive Cancer Center, Chapel Hill, North "
        "Carolina. Department of Pharmacology, School of Medicine, University of North Carolina "
        "at Chapel Hill, Chapel Hill, North Carolina.",
        ["043ehm030", "0130frc33"],
        id="a unit is no department of a university in a run-on affiliation",
    ),
    pytest.param(
        "Department of Surgery, Korea University Thyroid Center, Korea University College of "
        "Medicine, Seoul, South Korea.",
        ["047dqcg40"],
        id="a university's named centre is its department",
    ),
    pytest.param(
        "Department for Ophthalmology, Inselspital, University Hospital, University of Bern, "
        "Bern, Switzerland.",
        ["01q9sj412"],
        id="the same hospital named twice is one institution",
    ),
]


@pytest.mark.parametrize(("text", "rors"), GROUNDED_IN_ORDER)
def test_grounded_in_order(text: str, rors: list[str | None]) -> None:
    assert [found.ror for found in ground_affiliation(text)] == rors


def test_a_school_named_after_its_town_is_not_that_towns_university() -> None:
    # Not "London University", an alias ROR gives University College London.
    found = one(
        "Environmental Health Group, London School of Hygiene and Tropical Medicine, Keppel "
        "Street, London WC1E 7HT, UK. Electronic address: mollycranston@hotmail.co.uk."
    )
    assert found.ror is None and found.name == "London School of Hygiene and Tropical Medicine"


def test_an_adjective_that_starts_a_universitys_name_keeps_it_whole() -> None:
    found = one("Department of Orthopaedics, European University of Cyprus, Nicosia, CYP.")
    assert found.ror is None and found.name == "European University of Cyprus"


def test_a_cancer_centre_named_with_its_university_is_a_department_of_it() -> None:
    found = one(
        "Norris Comprehensive Cancer Center, University of Southern California, Los Angeles, CA, "
        "USA. amylee@usc.edu."
    )
    assert found.ror == "03taz7m60"  # ROR's centre record names USC in its own name
    assert found.department == "Norris Comprehensive Cancer Center"


def test_a_hospital_after_the_group_ror_places_it_in() -> None:
    found = one(
        "Centre for Genomic Medicine, Copenhagen University Hospital, Rigshospitalet, "
        "Copenhagen, Denmark."
    )
    assert (found.ror, found.parent_ror) == ("03mchdq19", "05bpbnx46")


def test_a_hospitals_branch_in_the_stated_town() -> None:
    found = ground_affiliation(
        "Department of Neurology, Chang Gung University College of Medicine, Chang Gung "
        "Memorial Hospital, Linkou Branch, 5, Fu Hsing Street, 333, Taoyuan, Taiwan."
    )
    assert "02dnn6q67" in {item.ror for item in found}  # Linkou, not the Taipei seat


def test_a_hospital_named_twice_keeps_its_university_as_parent() -> None:
    found = one(
        "Department for Ophthalmology, Inselspital, University Hospital, University of Bern, "
        "Bern, Switzerland."
    )
    assert found.parent_ror == "02k7v4d05"


@pytest.mark.parametrize(
    ("text", "inactive", "name"),
    [
        pytest.param(
            "School of Psychology, University of Adelaide, Adelaide, South Australia, Australia.",
            "00892tw58",
            "The University of Adelaide",
            id="merged into Adelaide University",
        ),
        pytest.param(
            "Université Paris Diderot, Sorbonne Paris Cité, F-75013 Paris, France.",
            "02n7qrg46",
            "Université Paris Diderot",
            id="merged into Université Paris Cité",
        ),
    ],
)
def test_an_inactive_ror_record_names_the_node_but_is_not_its_identity(
    text: str, inactive: str, name: str
) -> None:
    first = ground_affiliation(text)[0]
    assert first.ror is None and first.inactive_ror == inactive
    assert first.name == name and first.id.startswith("inst:")


def test_an_inactive_records_spelling_variants_meet_on_one_node() -> None:
    written = ground_affiliation("Department of Genetics, Paris Diderot University, Paris, France.")
    record = ground_affiliation("Univ Paris Diderot, Paris, France.")
    assert written[0].id == record[0].id


def test_a_unit_type_code_before_a_research_body_keeps_the_body() -> None:
    found = ground_affiliation(
        "University of Rennes 1, UMR-CNRS 6553 EcoBio, Avenue du Général Leclerc, Campus de "
        "Beaulieu, 35042 Rennes Cedex, France."
    )
    assert "02feahw73" in {institution.ror for institution in found}  # CNRS


def test_an_inactive_records_active_parent_is_kept() -> None:
    first = ground_affiliation(
        "Department of Biomedical Engineering, Indiana University-Purdue University "
        "Indianapolis, Indianapolis, IN, USA."
    )[0]
    assert first.inactive_ror == "05gxnyn08" and first.ror is None
    assert first.parent_ror == "01kg8sb98"  # Indiana University
