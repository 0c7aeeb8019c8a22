"""Typed relations between the concepts of one sentence, each with the sentence as evidence.

The extractor is rule-based and conservative: a pair of mentions in one sentence becomes a
relation only when the sentence has a trigger for that relation type, and never when the text
between the two says the opposite ("did not reduce"), names the first as the cause of the
second ("bleomycin-induced fibrosis") or when the claim is hedged ("may", "could",
"suggest") — hedged claims are kept but marked ``speculative`` with a lower confidence, so a
query can leave them out.

Rules (the ``extractor`` attribute names the one that fired):

* ``treats``: Therapy or Chemical + Disease and a treatment trigger;
* ``acts-via``: Therapy + Mechanism and a mediation trigger;
* ``molecule-change``: Therapy + Molecule with a change word before the molecule ("increasing
  TGF-β", "reductions in IL-6"): the therapy ACTS_VIA the mechanism "up/down-regulation of the
  molecule" (the curated one when the lexicon has it, e.g. CCL2 inhibition), which TARGETS the
  molecule with that direction — a ``candidate``, not asserted (hand-checked about half right);
* ``targets``: Mechanism + Molecule with a change word, no therapy in the sentence (also a
  ``candidate``);
* ``lexicon-targets``: a mechanism whose lexicon entry states its target (CCL2 inhibition);
* ``implicated-in``: Mechanism + Disease with a pathogenesis trigger, or in a sentence where a
  therapy treats the disease through the mechanism;
* ``derived-from``: a therapy mention whose lexicon entry states its source cell type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from kg.nlp.lexicon import CompiledLexicon
from kg.nlp.normalize import normalize_key
from kg.nlp.recognize import Mention
from kg.nlp.study_design import claim_level

__all__ = ["Relation", "RelationExtractor", "Sentence"]

ASSERTED: Final = "asserted"
SPECULATIVE: Final = "speculative"
# Read by a rule whose hand-checked precision is below the bar for a fact (see README:
# molecule changes and mechanism-molecule pairs, about half right): kept with its evidence and
# marked, never asserted.
CANDIDATE: Final = "candidate"
_CANDIDATE_RULES: Final = frozenset({"molecule-change", "targets"})

_TREAT_TRIGGER: Final = re.compile(
    r"\b(?:treat|therap|amelior|attenuat|alleviat|improv|relie[fv]|efficac|effective|benefi"
    r"|protect|prevent|reduc|suppress|inhibit|halt|slow|remission|cur(?:e|ed|ative)|heal"
    r"|repair|regenerat|rescu|revers|restor|disease-modifying|against|manag|administ|inject"
    r"|infus|transplant|transfus|control)",
)
_MEDIATION_TRIGGER: Final = re.compile(
    r"\b(?:via|through|by|mediat|promot|induc|inhibit|suppress|enhanc|increas|decreas|reduc"
    r"|modulat|regulat|polari[sz]|restor|secret|exert|possess|includ|function|effect|mechanis"
    r"|capacit|abilit|role|shift|balanc|attenuat|alleviat|amelior|prevent|block|activat"
    r"|stimulat|trigger|driv|elicit|facilitat|support|confer|exhibit|display|show)",
)
_PATHOGENESIS_TRIGGER: Final = re.compile(
    r"\b(?:implicat|involv|role|contribut|pathogen|patholog|associat|underl|driv|key|critical"
    r"|crucial|central|linked|link|characteri[sz]|imbalanc|dysregulat|impair|defect|aberrant"
    r"|progress|develop|onset|hallmark|feature)",
)
_DECREASE: Final = re.compile(
    r"\b(?:inhibit|reduc|decreas|suppress|down-?regulat|lower|attenuat|block|diminish|impair"
    r"|abrogat|abolish|dampen|limit|neutrali[sz]|antagoni|decline|depress)\w*",
)
# Verbs and comparatives only: "production", "release", "secretion" are nouns as often as not
# ("IL-6 production", "LDH release") and say nothing about which way a level went.
_INCREASE: Final = re.compile(
    r"\b(?:increas|elevat|promot|up-?regulat|enhanc|restor|induc|higher|stimulat|boost"
    r"|augment|rais|activat|expand)\w*",
)
_NEGATION: Final = re.compile(
    r"\b(?:not|no|never|neither|nor|without|fail(?:ed|s)? to|unable to|lack(?:ed|s)? of"
    r"|absence of|did not|does not|do not|was not|were not|cannot|could not|n't)\b",
)
_HEDGE: Final = re.compile(
    r"\b(?:may|might|could|possibl[ey]|potential(?:ly)?|whether|hypothesi[sz]e[ds]?"
    r"|suggest(?:s|ed|ing)?|likely|promising|propos(?:e|ed)|perhaps|putative|expected to"
    r"|worth|warrant\w*|candidates?|novel strateg\w+|strateg(?:y|ies) (?:for|to)|attractive"
    r"|prospects?|future|seems?|seemed|appears? to|appeared to|should|recommend\w*|consider\w*"
    r"|to see if|remains? (?:unclear|unknown|to be))\b",
)
# A sentence saying what was studied or measured states no finding about a role.
_METHODS: Final = re.compile(
    r"\b(?:we (?:investigat|evaluat|assess|examin|determin|measur|analy[sz]|studi|explor)\w*"
    r"|(?:to|was|were) (?:investigat|evaluat|assess|examin|determin|measur|analy[sz]|explor)\w*"
    r"|aims?\b|aimed|objectives?|purpose|this study|review(?:s|ed)?\b)"
)
# "<chemical>-induced <disease>", "<disease> induced by <chemical>": a cause, not a cure.
_CAUSE_ADJACENT: Final = re.compile(
    r"^\W{0,2}(?:induced|mediated|associated|related|caused|triggered|evoked|elicited"
    r"|dependent|provoked|exposed|treated)\b",
)
_CAUSE_VERB: Final = re.compile(
    r"\b(?:induc|caus|trigger|provok|elicit|result(?:s|ed)? in|lead(?:s)? to|led to)\w*",
)
_HARM: Final = re.compile(r"\badverse|\btoxicit|\bside[- ]effect|\brisk of\b")
_CAUSE_AFTER: Final = re.compile(r"^\W*(?:induced|caused|triggered|evoked) by\b")
_SHORT_GAP: Final = 40

# What a therapy does to a disease when the therapy is named first ("MSCs alleviated lupus
# nephritis", "CAR-T therapies in scleroderma", "BM-MSCs ... for patients with knee OA").
_TREATS_FORWARD: Final = re.compile(
    r"\b(?:treat|therap|amelior|attenuat|alleviat|improv|relie[fv]|efficac|effective|benefi"
    r"|protect|prevent|reduc|suppress|inhibit|halt|slow|remission|cur(?:e|ed|ing|ative)|heal"
    r"|rescu|revers|restor|disease-modifying|manag|decreas|lessen|mitigat|resolv"
    r"|counteract|combat|regress)\w*|\bagainst\b|\b(?:for|in|with) (?:patients|subjects"
    r"|individuals|people|women|men|children|mice|rats|animals|models?)\b"
)
# The same when the disease comes first ("SLE patients treated with MSCs", "RA responded to
# tocilizumab", "treatment of CIA with MSC-sEVs").
_TREATS_BACKWARD: Final = re.compile(
    r"\b(?:treat\w*|therap\w*|manag\w*|respond\w*|improv\w*|amelior\w*|attenuat\w*"
    r"|alleviat\w*|benefit\w*|remission)\b.*\b(?:with|by|using|to|after|following|of)\b"
    r"|\b(?:received|receiving|given|administ\w+|infused|injected|transplanted)\b"
)
# Words that make the disease what happened to those who took the drug.
_ADVERSE: Final = re.compile(
    r"\b(?:develop|induc|caus|associat|adverse|side[- ]effect|toxic|complicat|risk|incidence"
    r"|occurr|experienc|aggravat|exacerbat|worsen|provok|trigger|elicit|precipitat|onset of"
    r"|secondary to|due to|led to|leads? to|followed by|attributed|involv|implicat|pathogen"
    r"|contribut|predispos|susceptib)\w*"
)
# "bleomycin-induced" right before the disease names how the model was made, not an effect
# of the therapy named earlier.
_MODEL_INDUCER: Final = re.compile(r"\S+[- ]induced\s*$")
_TREAT_VERB_BEFORE: Final = re.compile(r"\btreat\w*\b")
_WITH_THERAPY: Final = re.compile(r"^\W*(?:\([^)]{1,20}\)\W*)?(?:with|by|using)\b")
# A chemical measured, not given: "cholesterol levels", "glucose uptake", "IgG deposition".
_ANALYTE: Final = re.compile(
    r"\W{0,2}(?:levels?|concentrations?|contents?|accumulation|metabolism|synthesis"
    r"|production|secretion|uptake|deposition|release|excretion|clearance|homeostasis"
    r"|status|intake|values?|ratio)\b"
)
_NEAR: Final = 80  # characters between a mechanism and the molecule it changes
_FAR: Final = 150  # characters between a mechanism and a disease it is implicated in
_GENERIC_DEPTH: Final = 3  # GO processes this close to the root are too general to report
_ANALYTE_BEFORE: Final = re.compile(
    r"\b(?:levels?|concentrations?|expression|amounts?|production|secretion|release) of\W*$"
)
# "Diabetes-associated atherosclerosis": the first disease qualifies the second.
_DISEASE_AS_MODIFIER: Final = re.compile(r"-(?:associated|related|induced|mediated|specific)\b")
_DOSAGE_FORMS: Final = "MESH:D004304"
# "hBMSC-derived exosomal miR-361-5p", "exosomes from BM-MSCs": the cells are the source of
# the agent, not the agent.
_SOURCE_OF: Final = re.compile(r"[- ](?:derived|secreted|released|conditioned)\b")
_SOURCE_BEFORE: Final = re.compile(
    r"\b(?:exosom\w*|vesicles?|evs?|secretome|conditioned medi(?:um|a)|supernatants?|lysates?"
    r"|membranes?)\s+(?:(?:derived|isolated|secreted|released)\s+)?(?:from|of)\s+"
    r"(?:the\s+|human\s+)?$"
)
# A drug given for a step of a procedure, not for the disease: "cyclophosphamide for stem
# cell mobilisation", "fludarabine lymphodepletion", "conditioning with busulfan".
_PROCEDURE_USE: Final = re.compile(
    r"\W{0,3}(?:\w+\W+){0,4}?(?:mobili[sz]\w*|condition(?:ing|ed)|lymphodeplet\w*|harvest\w*"
    r"|priming|premedicat\w*)\b"
)
# "protecting AML cells from chemotherapy": the disease names its cells, and what is done to
# them is not a treatment of the disease.
_DISEASED_CELLS: Final = re.compile(r"\s+(?:cells?|cell lines?|blasts?)\b")
# Cell-free products named with their source cells.
_CELL_FREE_ROOT: Final = "KG:cell-free-msc-therapy"
_MSC_CELL: Final = "CL:0000134"
_PRODUCT_WORDS: Final = (
    r"(?P<product>exo(?:some|somal|somes|s)?\b|s?evs?\b|(?:small )?extracellular vesicles?"
    r"|vesicles?|secretome|conditioned medi(?:um|a)|cm\b)"
)
_PRODUCT_AFTER: Final = re.compile(
    r"[- ]?(?:\((?:[^)]{1,12})\)[- ]?)?(?:derived |secreted |released )?" + _PRODUCT_WORDS
)
_PRODUCT_BEFORE: Final = re.compile(
    _PRODUCT_WORDS + r"\s+(?:(?:derived|isolated|secreted|released|obtained)\s+)?"
    r"(?:from|of|by)\s+(?:[\w-]+\s+){0,2}$"
)


def _product_kind(words: str) -> str:
    lowered = words.lower()
    if "exo" in lowered:
        return "exosome"
    if "secretome" in lowered:
        return "secretome"
    if "condition" in lowered or lowered.strip() == "cm":
        return "conditioned-medium"
    return "ev"


_PROCEDURE_BEFORE: Final = re.compile(
    r"\b(?:mobili[sz]\w*|conditioning|lymphodeplet\w*|priming)\s+(?:\w+\s+){0,2}"
    r"(?:with|using|by)\s+(?:[\w-]+(?:,\s*|\s+and\s+|\s+))*$"
)
# A vehicle, not a treatment: "farnesol solubilized in corn oil", "DMSO (vehicle)".
_VEHICLE: Final = re.compile(
    r"\b(?:solubili[sz]ed|dissolved|suspended|diluted|emulsified|formulated|vehicle)\s+"
    r"(?:in|with)?\s*$"
)
_VEHICLE_AFTER: Final = re.compile(r"\W{0,3}(?:\w+\W+)?(?:vehicle|control group)\b")
_NEGATED_BEFORE: Final = re.compile(r"\b(?:no|not|without|nor|neither)\s+(?:\w+\s+)?$")
# Words too generic to be what treats, whatever the lexicon calls them.
_GENERIC_WORDS: Final = frozenset(
    {
        "salt",
        "salts",
        "buffer",
        "buffers",
        "acid",
        "acids",
        "compound",
        "compounds",
        "agent",
        "agents",
        "drug",
        "drugs",
        "solution",
        "solutions",
        "medium",
        "vehicle",
        "reagent",
        "water",
    }
)
# A chemical with this many narrower concepts is a class; it may treat only when it is a
# pharmacological class (MeSH Pharmacologic Actions) or a hormone class (corticosteroids).
_CLASS_CHILDREN: Final = 3
_DRUG_CLASS_ROOTS: Final = ("MESH:D020228", "MESH:D006730")
# A therapy named as the patient's own cells or as an object of study, not given as a
# treatment, does not act via anything: ACTS_VIA needs a sentence about treating.
_THERAPEUTIC_CONTEXT: Final = re.compile(
    r"\b(?:treat|therap|administ|inject|transplant|infus|amelior|alleviat|attenuat|improv"
    r"|protect|benefi|efficac|rescu|restor|repair|regenerat|exert|confer|cur(?:e|ed|ative)"
    r"|recover|prevent|reliev|relief|heal)\w*"
)
# "apoptosis of MSCs", "differentiation in MSCs": a process of the cells themselves.
_PROCESS_OF: Final = re.compile(
    r"\s*(?:of|in|within)\s+(?:the\s+|these\s+|their\s+|human\s+|cultured\s+)?"
)
# The agent's absence is what acted: "knockout of X", "X-deficient mice".
_ABSENCE_BEFORE: Final = re.compile(
    r"\b(?:knock(?:out|down|ing out|ing down)|deletion|deficiency|loss|removal|removing"
    r"|depletion|depleting|ablation|silencing|blockade|blocking|absence|lack)\s+(?:of\s+)?"
    r"(?:the\s+)?$"
)
_ABSENCE_AFTER: Final = re.compile(
    r"(?:-deficient|-knockout|-null|-/-|\s+(?:deficiency|knock-?out|knockdown|depletion|ablation"
    r"|deletion|silencing|loss|blockade))\b"
)
# The mention is part of a longer name: "Mer tyrosine kinase", "sodium aurothiomalate".
_PART_OF_A_NAME: Final = re.compile(
    r"[ -](?:kinases?|receptors?|phosphatases?|synthases?|transporters?|channels?|hydroxylases?"
    r"|oxidases?|reductases?|dehydrogenases?|transferases?)\b"
)
# "sodium aurothiomalate", "lithium carbonate": the cation names half a salt.
_CATIONS: Final = frozenset(
    [
        "sodium",
        "potassium",
        "calcium",
        "magnesium",
        "lithium",
        "zinc",
        "ammonium",
        "aluminium",
        "aluminum",
        "iron",
    ]
)
_ANION: Final = re.compile(r"[ -][a-z]{3,}(?:ate|ide|ite)\b")
# A harm word before the disease, not negated: "side effects of gold therapy: proteinuria".
_HARM_WORD: Final = re.compile(
    r"\b(?:side[- ]effects?|adverse|toxicit\w*|complications?|induced|caused)\b"
)
_HARM_NEGATED: Final = re.compile(
    r"\b(?:no|without|free of|few|minimal|absence of)\W+(?:\w+\W+){0,2}$"
)
# A level measured is not a level changed: "collagen IV degradation", "Bax/Bcl2 ratio".
# A level measured is not a level changed ("collagen IV degradation", "Bax/Bcl2 ratio"), a
# reagent is not a finding ("annexin V staining"), and a molecule that induces or mediates
# something is the cause named, not what changed ("RANKL-induced osteoclastogenesis").
_NOT_A_LEVEL: Final = re.compile(
    r"\W{0,2}(?:degradation|breakdown|cleavage|turnover|ratio|stain\w*|assay|kit|label\w*"
    r"|antibod\w+|reporter)\b|-?(?:induced|mediated|stimulated|dependent|treated|driven)\b"
)
_RATIO_BEFORE: Final = re.compile(r"/\s*$")
_AFTER_EXPOSURE: Final = re.compile(
    r"\b(?:after|following|during|under)\b|\bin (?:\w+ ){0,3}(?:patients|subjects"
    r"|individuals|recipients|users|people)\b"
)
_IMPROVEMENT: Final = re.compile(
    r"\b(?:improv|remission|resol|amelior|reduc|decreas|alleviat|attenuat|benefi|respon"
    r"|recover|regress|heal|cure)\w*"
)
_WEAK_GAP: Final = 60  # characters: "MSCs in SLE", "CAR-T for scleroderma"
# "MSCs in SLE", "CAR-T therapies for scleroderma": only words naming the intervention may
# stand between it and "in"/"for" ("... was evaluated for liver injury" is not a treatment).
_WEAK_LINK: Final = re.compile(
    r"^\W*(?:(?:and|or|cell|cells|therap\w*|treatments?|transplant\w*|infusions?|injections?"
    r"|administration|use|products?)\W+){0,3}(?:in|for|on)\W"
)

_DIRECTION_WINDOW: Final = 60  # characters before a molecule searched for a change word
_POLARITY_WINDOW: Final = 40  # a change word this close before a mechanism changes it


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a field, with its span in that field."""

    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation stated by one sentence of one paper."""

    type: str
    source: str
    target: str
    sentence: Sentence
    extractor: str
    confidence: float
    modality: str = ASSERTED
    evidence_level: str | None = None
    direction: str | None = None
    # Set for mechanisms the extractor names itself ("up-regulation of IL-10").
    source_name: str | None = None
    target_name: str | None = None


@dataclass(frozen=True, slots=True)
class _Synthetic:
    id: str
    name: str


class RelationExtractor:
    """Applies the rules above to the mentions of each sentence of a paper."""

    def __init__(self, lexicon: CompiledLexicon) -> None:
        self.lexicon = lexicon
        self._depths: dict[str, int] = {}
        self._sentence_start = 0
        self._children: dict[str, int] = {}
        for info in lexicon.concepts:
            for parent in info.parents:
                self._children[parent] = self._children.get(parent, 0) + 1
        # Cell-free products of cell therapies, by (kind, source cell type); the shortest
        # (most general) name wins when several products fit.
        self._products: dict[tuple[str, str], str] = {}
        name_length: dict[tuple[str, str], int] = {}
        for info in lexicon.concepts:
            cells = info.extra.get("derived_from")
            if info.label != "Therapy" or not isinstance(cells, list):
                continue
            if not self._has_ancestor(info.id, _CELL_FREE_ROOT):
                continue
            kind = _product_kind(info.name)
            for cell in cells:
                key = (kind, str(cell))
                if len(info.name) < name_length.get(key, 10**6):
                    self._products[key] = info.id
                    name_length[key] = len(info.name)
        # Curated mechanisms that are a change of one molecule ("CCL2 inhibition").
        self._mechanism_for: dict[tuple[str, str], str] = {}
        for info in lexicon.concepts:
            if info.label != "Mechanism":
                continue
            direction = info.extra.get("direction")
            targets = info.extra.get("targets")
            if isinstance(direction, str) and isinstance(targets, list) and len(targets) == 1:
                self._mechanism_for.setdefault((direction, str(targets[0])), info.id)

    def extract(
        self,
        sentences: Sequence[Sentence],
        mentions: Iterable[Mention],
        paper_level: str,
    ) -> list[Relation]:
        """Relations stated in ``sentences`` given the paper's study design."""
        by_sentence: dict[int, list[Mention]] = {}
        ordered = sorted(mentions, key=lambda m: (m.field, m.start))
        for mention in ordered:
            for number, sentence in enumerate(sentences):
                if (
                    sentence.field == mention.field
                    and sentence.start <= mention.start
                    and mention.end <= sentence.end
                ):
                    by_sentence.setdefault(number, []).append(mention)
                    break
        relations: list[Relation] = []
        derived_seen: set[tuple[str, str]] = set()
        for number, found in sorted(by_sentence.items()):
            sentence = sentences[number]
            stated: set[tuple[str, str, str]] = set()
            for relation in self._sentence(sentence, found, paper_level, derived_seen):
                key = (relation.type, relation.source, relation.target)
                if key not in stated:  # two mentions of one concept state it once
                    stated.add(key)
                    relations.append(relation)
        return relations

    def _sentence(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        paper_level: str,
        derived_seen: set[tuple[str, str]],
    ) -> Iterable[Relation]:
        text = sentence.text.lower()  # cues are lower-case patterns (faster than IGNORECASE)
        self._sentence_start = sentence.start
        if len(mentions) < 2 and not any(m.label in ("Therapy", "Mechanism") for m in mentions):
            return  # no pair, no lexicon-stated fact: nothing to say
        hedged = _HEDGE.search(text) is not None
        modality = SPECULATIVE if hedged else ASSERTED
        scale = 0.5 if hedged else 1.0

        def local(mention: Mention) -> tuple[int, int]:
            return mention.start - sentence.start, mention.end - sentence.start

        def between(first: Mention, second: Mention) -> str:
            left, right = sorted((local(first), local(second)))
            return text[left[1] : right[0]]

        def relation(
            kind: str,
            source: str,
            target: str,
            rule: str,
            base: float,
            *,
            evidence_level: str | None = None,
            direction: str | None = None,
            source_name: str | None = None,
            target_name: str | None = None,
        ) -> Relation:
            return Relation(
                type=kind,
                source=source,
                target=target,
                sentence=sentence,
                extractor=f"rules:{rule}",
                confidence=round(base * scale, 2),
                modality=CANDIDATE if rule in _CANDIDATE_RULES and not hedged else modality,
                evidence_level=evidence_level,
                direction=direction,
                source_name=source_name,
                target_name=target_name,
            )

        products: set[int] = set()
        mentions = [self._as_product(m, text, sentence.start, products) for m in mentions]
        by_label: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_label.setdefault(mention.label, []).append(mention)
        therapies = by_label.get("Therapy", []) + by_label.get("Chemical", [])
        diseases = by_label.get("Disease", [])
        mechanisms = by_label.get("Mechanism", [])
        molecules = by_label.get("Molecule", [])
        treated: set[str] = set()
        # Mentions that end a change word's reach: another kind of thing was changed.  A
        # mechanism does not ("decreasing inflammatory cytokines (IL17, ...)" is one).
        others = [local(m) for m in mentions if m.label not in ("Molecule", "Mechanism")]

        for therapy in by_label.get("Therapy", []):
            info = self.lexicon.concept(therapy.concept)
            cells = info.extra.get("derived_from") if info else None
            if isinstance(cells, list):
                for cell in cells:
                    if (therapy.concept, str(cell)) not in derived_seen:
                        derived_seen.add((therapy.concept, str(cell)))
                        yield Relation(
                            type="DERIVED_FROM",
                            source=therapy.concept,
                            target=str(cell),
                            sentence=sentence,
                            extractor="lexicon:derived-from",
                            confidence=0.9,
                        )

        if therapies and diseases and _TREAT_TRIGGER.search(text):
            level = claim_level(paper_level, text)
            for therapy in therapies:
                if (
                    self._never_treats(therapy.concept)
                    or (therapy.label == "Chemical" and not self._drug_like(therapy, text))
                    or _ANALYTE.match(text, local(therapy)[1])
                    or _ANALYTE_BEFORE.search(text, 0, local(therapy)[0])
                    or _PART_OF_A_NAME.match(text, local(therapy)[1])
                    or (
                        id(therapy) not in products
                        and (
                            _SOURCE_OF.match(text, local(therapy)[1])
                            or _SOURCE_BEFORE.search(text, 0, local(therapy)[0])
                        )
                    )
                    or _PROCEDURE_USE.match(text, local(therapy)[1])
                    or _VEHICLE.search(text, max(0, local(therapy)[0] - 30), local(therapy)[0])
                    or _VEHICLE_AFTER.match(text, local(therapy)[1])
                    or _PROCEDURE_BEFORE.search(
                        text, max(0, local(therapy)[0] - 60), local(therapy)[0]
                    )
                    or _NEGATED_BEFORE.search(
                        text, max(0, local(therapy)[0] - 20), local(therapy)[0]
                    )
                    or therapy.text.lower() in _GENERIC_WORDS
                    or (
                        therapy.text.lower() in _CATIONS
                        and _ANION.match(text, local(therapy)[1]) is not None
                    )
                    or self._absent_agent(text, local(therapy))
                ):
                    continue
                for disease in diseases:
                    if (
                        therapy.concept == disease.concept
                        or _overlaps(therapy, disease)
                        or _DISEASE_AS_MODIFIER.match(text, local(disease)[1])
                    ):
                        continue
                    gap = between(therapy, disease)
                    if _NEGATION.search(gap) or self._causes(local(therapy), local(disease), text):
                        continue
                    base = _treat_confidence(text, local(therapy), local(disease))
                    if (
                        base is None
                        or _harm_before(text, local(disease)[0])
                        or _DISEASED_CELLS.match(text, local(disease)[1])
                    ):
                        continue
                    if therapy.label == "Chemical":
                        base -= 0.1
                    treated.add(disease.concept)
                    yield relation(
                        "TREATS",
                        therapy.concept,
                        disease.concept,
                        "treats",
                        base,
                        evidence_level=level,
                    )

        if (
            therapies
            and mechanisms
            and _MEDIATION_TRIGGER.search(text)
            and _THERAPEUTIC_CONTEXT.search(text)
        ):
            for therapy in by_label.get("Therapy", []):
                if self._absent_agent(text, local(therapy)) or (
                    id(therapy) not in products
                    and (
                        _SOURCE_OF.match(text, local(therapy)[1])
                        or _SOURCE_BEFORE.search(text, 0, local(therapy)[0])
                    )
                ):
                    continue
                for mechanism in mechanisms:
                    gap = between(therapy, mechanism)
                    if _NEGATION.search(gap) or (
                        mechanism.start < therapy.start and _PROCESS_OF.fullmatch(gap)
                    ):
                        continue
                    acted_via = self._with_polarity(mechanism, text, local(mechanism)[0], others)
                    if acted_via is not None:
                        yield relation("ACTS_VIA", therapy.concept, acted_via, "acts-via", 0.75)

        changes = (
            [
                (molecule, direction)
                for molecule in molecules
                if not _NOT_A_LEVEL.match(text, local(molecule)[1])
                and not _RATIO_BEFORE.search(text, 0, local(molecule)[0])
                and (direction := _direction_before(text, local(molecule)[0], others)) is not None
            ]
            if molecules and (therapies or mechanisms)
            else []
        )
        synthetic: list[str] = []
        if changes and by_label.get("Therapy"):
            for molecule, direction in changes:
                made = self._molecule_mechanism(direction, molecule)
                synthetic.append(made.id)
                for therapy in by_label["Therapy"]:
                    if _NEGATION.search(between(therapy, molecule)):
                        continue
                    yield relation(
                        "ACTS_VIA",
                        therapy.concept,
                        made.id,
                        "molecule-change",
                        0.7,
                        target_name=made.name,
                    )
                yield relation(
                    "TARGETS",
                    made.id,
                    molecule.concept,
                    "molecule-change",
                    0.75,
                    direction=direction,
                    source_name=made.name,
                )
        elif changes and mechanisms:
            for mechanism in mechanisms:
                if not self._specific(mechanism.concept, curated_only=True):
                    continue
                for molecule, direction in changes:
                    gap = between(mechanism, molecule)
                    if len(gap) > _NEAR or _NEGATION.search(gap):
                        continue
                    yield relation(
                        "TARGETS",
                        mechanism.concept,
                        molecule.concept,
                        "targets",
                        0.6,
                        direction=direction,
                    )

        for mechanism in mechanisms:
            info = self.lexicon.concept(mechanism.concept)
            targets = info.extra.get("targets") if info else None
            direction_stated = info.extra.get("direction") if info else None
            if isinstance(targets, list):
                named = {m.concept for m in molecules}
                for target in targets:
                    if str(target) not in named and not self._names(str(target), mechanism.text):
                        continue  # the vocabulary knows it; this sentence does not say it
                    yield relation(
                        "TARGETS",
                        mechanism.concept,
                        str(target),
                        "lexicon-targets",
                        0.9,
                        direction=direction_stated if isinstance(direction_stated, str) else None,
                    )

        for mechanism in mechanisms:
            if not self._specific(mechanism.concept) or _METHODS.search(text):
                continue
            for disease in diseases:
                gap = between(mechanism, disease)
                if len(gap) > _FAR or _NEGATION.search(gap):
                    continue
                if _PATHOGENESIS_TRIGGER.search(gap):
                    yield relation(
                        "IMPLICATED_IN", mechanism.concept, disease.concept, "implicated-in", 0.65
                    )
                elif disease.concept in treated and therapies:
                    # "MSCs alleviate skin fibrosis by inhibiting CCL2": the mechanism of a cure
                    yield relation(
                        "IMPLICATED_IN", mechanism.concept, disease.concept, "treated-via", 0.6
                    )
        for mechanism_id in synthetic:
            for disease in diseases:
                if disease.concept in treated:
                    yield relation(
                        "IMPLICATED_IN", mechanism_id, disease.concept, "treated-via", 0.55
                    )

    def _specific(self, concept_id: str, *, curated_only: bool = False) -> bool:
        """Whether a mechanism says something: curated, or a GO process deep enough in the
        hierarchy ("signal transduction" and "immune response" are true of everything)."""
        info = self.lexicon.concept(concept_id)
        if info is None or info.extra.get("curated"):
            return True
        if curated_only or not info.id.startswith("GO:"):
            return not curated_only
        return self._depth(concept_id) > _GENERIC_DEPTH

    def _depth(self, concept_id: str) -> int:
        """Shortest is-a path to a root (memoised)."""
        cached = self._depths.get(concept_id)
        if cached is not None:
            return cached
        self._depths[concept_id] = 0  # guards against cycles while computing
        info = self.lexicon.concept(concept_id)
        parents = [p for p in (info.parents if info else ()) if self.lexicon.concept(p)]
        depth = 1 + min((self._depth(p) for p in parents), default=-1)
        self._depths[concept_id] = depth
        return depth

    def _as_product(self, mention: Mention, text: str, offset: int, products: set[int]) -> Mention:
        """A cell-therapy mention that names the source of vesicles, exosomes, a secretome or a
        conditioned medium ("exosomes derived from BM-MSCs", "BM-MSCs-Exo") stands for that
        cell-free product: the vocabulary's product of the same cells when it has one."""
        if mention.label != "Therapy" or not self._products:
            return mention
        start, end = mention.start - offset, mention.end - offset
        after = _PRODUCT_AFTER.match(text, end)
        before = _PRODUCT_BEFORE.search(text, max(0, start - 60), start)
        match = after or before
        if match is None:
            return mention
        kind = _product_kind(match.group("product"))
        info = self.lexicon.concept(mention.concept)
        cells = info.extra.get("derived_from") if info else None
        sources = [str(cell) for cell in cells] if isinstance(cells, list) else []
        for cell in (*sources, _MSC_CELL):
            product = self._products.get((kind, cell)) or self._products.get(("ev", cell))
            if product is not None:
                replaced = replace(mention, concept=product)
                products.add(id(replaced))
                return replaced
        return mention

    def _with_polarity(
        self,
        mechanism: Mention,
        text: str,
        position: int,
        others: Sequence[tuple[int, int]],
    ) -> str | None:
        """The mechanism a therapy acts via, given a change word before it.

        "suppressing pyroptosis" is not acting via pyroptosis: a decrease of a process is its
        negative regulation (GO's "negative regulation of pyroptosis" when the lexicon has it).
        Without such a concept the relation is not stated at all rather than stated wrong.
        """
        info = self.lexicon.concept(mechanism.concept)
        if info is None or isinstance(info.extra.get("direction"), str):
            return mechanism.concept  # "CCL2 inhibition" carries its direction in its name
        direction = _direction_before(text, position, others, reach=_POLARITY_WINDOW)
        if direction != "decrease":
            return mechanism.concept
        for form in (f"negative regulation of {info.name}", f"anti-{info.name}"):
            entry = self.lexicon.lookup(form)
            if entry is not None:
                negated = self.lexicon.concepts[entry.concept]
                if negated.label == "Mechanism":
                    return negated.id
        return None

    def _names(self, concept_id: str, text: str) -> bool:
        """Whether ``text`` contains a name of the concept ("inhibiting CCL2 production")."""
        info = self.lexicon.concept(concept_id)
        if info is None:
            return False
        words = f" {normalize_key(text)} "
        return any(f" {normalize_key(name)} " in words for name in (info.name, *info.synonyms))

    def _never_treats(self, concept_id: str) -> bool:
        """A comparator (placebo, saline), a model inducer (type II collagen) or a dosage form
        ("capsules"): none of them is what treats."""
        info = self.lexicon.concept(concept_id)
        if info is None:
            return False
        if info.extra.get("role") in ("comparator", "inducer"):
            return True
        return self._has_ancestor(concept_id, _DOSAGE_FORMS)

    def _drug_like(self, mention: Mention, text: str) -> bool:
        """Whether a Chemical mention can be what treats: a named compound or a drug class.

        A broad class that is not a pharmacological one ("Peptides", "Antigens", "Buffers",
        "Dietary Fats") is what a sentence is made of, not what treats; nor is a word glued by
        a hyphen into a longer name ("sphingosine" in "sphingosine-1-phosphate modulators").
        """
        start = mention.start - self._sentence_start
        end = mention.end - self._sentence_start
        if (end < len(text) and text[end] == "-") or (start > 0 and text[start - 1] == "-"):
            return False
        info = self.lexicon.concept(mention.concept)
        if info is None or info.extra.get("curated"):
            return True
        if self._children.get(mention.concept, 0) < _CLASS_CHILDREN:
            return True
        return any(self._has_ancestor(mention.concept, root) for root in _DRUG_CLASS_ROOTS)

    def _has_ancestor(self, concept_id: str, ancestor: str, hops: int = 6) -> bool:
        frontier = {concept_id}
        for _ in range(hops):
            parents: set[str] = set()
            for current in frontier:
                info = self.lexicon.concept(current)
                if info is not None:
                    parents.update(info.parents)
            if ancestor in parents:
                return True
            frontier = parents
        return False

    @staticmethod
    def _absent_agent(text: str, span: tuple[int, int]) -> bool:
        """The sentence is about the agent's absence: knockout, deletion, depletion of it."""
        return bool(
            _ABSENCE_BEFORE.search(text, max(0, span[0] - 40), span[0])
            or _ABSENCE_AFTER.match(text, span[1])
        )

    @staticmethod
    def _causes(cause: tuple[int, int], effect: tuple[int, int], text: str) -> bool:
        """Whether the sentence names the mention at ``cause`` as what brings ``effect`` about.

        "bleomycin-induced fibrosis", "fibrosis induced by bleomycin", "cyclophosphamide
        caused cystitis", "adverse events of X"; a cause word further away belongs to
        another mention ("MSCs attenuated bleomycin-induced fibrosis").
        """
        if cause[0] < effect[0]:
            gap = text[cause[1] : effect[0]]
            if _CAUSE_ADJACENT.search(gap) or _HARM.search(gap):
                return True
            return (
                len(gap) <= _SHORT_GAP
                and _CAUSE_VERB.search(gap) is not None
                and not (_TREAT_TRIGGER.search(gap))
            )
        gap = text[effect[1] : cause[0]]
        return _CAUSE_AFTER.search(gap) is not None or _HARM.search(gap) is not None

    def _molecule_mechanism(self, direction: str, molecule: Mention) -> _Synthetic:
        curated = self._mechanism_for.get((direction, molecule.concept))
        if curated is not None:
            info = self.lexicon.concept(curated)
            return _Synthetic(curated, info.name if info else curated)
        info = self.lexicon.concept(molecule.concept)
        name = info.name if info else molecule.text
        word = "up-regulation" if direction == "increase" else "down-regulation"
        slug = re.sub(r"[^a-z0-9]+", "-", molecule.concept.lower()).strip("-")
        return _Synthetic(f"KG:{word}-of-{slug}", f"{name} {word}")


def _overlaps(first: Mention, second: Mention) -> bool:
    return first.field == second.field and first.start < second.end and second.start < first.end


def _harm_before(text: str, position: int) -> bool:
    """Whether a harm word that is not negated comes before ``position`` in the sentence."""
    for match in _HARM_WORD.finditer(text, 0, position):
        if text[match.end() : position].strip() == "":
            continue  # "bleomycin-induced fibrosis" names the model, see _causes
        if not _HARM_NEGATED.search(text, max(0, match.start() - 30), match.start()):
            return True
    return False


def _treat_confidence(
    text: str, therapy: tuple[int, int], disease: tuple[int, int]
) -> float | None:
    """How surely the words between a therapy and a disease say it treats it; None if not."""
    if therapy[0] < disease[0]:
        gap = _MODEL_INDUCER.sub("", text[therapy[1] : disease[0]])
        if _ADVERSE.search(gap):
            return None
        if _TREATS_FORWARD.search(gap):
            return 0.8
        if len(gap) <= _WEAK_GAP and _WEAK_LINK.match(gap) and _TREATS_FORWARD.search(text):
            return 0.65
        return None
    gap = text[disease[1] : therapy[0]]
    if _ADVERSE.search(gap):
        return None
    if _AFTER_EXPOSURE.search(gap) and not _IMPROVEMENT.search(text, 0, therapy[0]):
        return None  # "anaemia after therapy with penicillin", "infection in patients on X"
    if _TREATS_BACKWARD.search(gap):
        return 0.75
    if _WITH_THERAPY.match(gap) and _TREAT_VERB_BEFORE.search(text, 0, disease[0]):
        return 0.75  # "we treated a mouse model of CIA with MSC-sEVs"
    return None


def _direction_before(
    text: str,
    position: int,
    others: Sequence[tuple[int, int]] = (),
    *,
    reach: int = _DIRECTION_WINDOW,
) -> str | None:
    """The change word nearest before ``position`` (within a window), as a direction.

    A mention of something other than a molecule between the word and the molecule ends the
    window: in "induced tumor regression in CD8+ lymphoma" the tumour regressed, not CD8.
    """
    window_start = max(0, position - reach)
    for _, end in others:
        if window_start <= end <= position:
            window_start = end
    window = text[window_start:position]
    best: tuple[int, str] | None = None
    for pattern, direction in ((_DECREASE, "decrease"), (_INCREASE, "increase")):
        for match in pattern.finditer(window):
            if match.start() > 0 and window[match.start() - 1] == "-":
                continue  # "LPS-induced TNF-α": the stimulus raised it, not the agent studied
            if best is None or match.start() > best[0]:
                best = (match.start(), direction)
    if best is None:
        return None
    if _NEGATION.search(window[best[0] :]):
        return None
    return best[1]
