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
  molecule with that direction;
* ``targets``: Mechanism + Molecule with a change word, no therapy in the sentence;
* ``lexicon-targets``: a mechanism whose lexicon entry states its target (CCL2 inhibition);
* ``implicated-in``: Mechanism + Disease with a pathogenesis trigger, or in a sentence where a
  therapy treats the disease through the mechanism;
* ``derived-from``: a therapy mention whose lexicon entry states its source cell type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from kg.nlp.lexicon import CompiledLexicon
from kg.nlp.recognize import Mention
from kg.nlp.study_design import claim_level

__all__ = ["Relation", "RelationExtractor", "Sentence"]

ASSERTED: Final = "asserted"
SPECULATIVE: Final = "speculative"

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
    r"|abrogat|abolish|dampen|limit|neutrali[sz]|antagoni|decline|depress|less)\w*",
)
_INCREASE: Final = re.compile(
    r"\b(?:increas|elevat|promot|up-?regulat|enhanc|restor|induc|higher|stimulat|boost|secret"
    r"|produc|augment|rais|activat|expand|expan|releas|more)\w*",
)
_NEGATION: Final = re.compile(
    r"\b(?:not|no|never|neither|nor|without|fail(?:ed|s)? to|unable to|lack(?:ed|s)? of"
    r"|absence of|did not|does not|do not|was not|were not|cannot|could not|n't)\b",
)
_HEDGE: Final = re.compile(
    r"\b(?:may|might|could|possibl[ey]|potential(?:ly)?|whether|hypothesi[sz]e[ds]?"
    r"|suggest(?:s|ed|ing)?|likely|promising|propos(?:e|ed)|perhaps|putative|expected to)\b",
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

_DIRECTION_WINDOW: Final = 80  # characters before a molecule searched for a change word


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
                modality=modality,
                evidence_level=evidence_level,
                direction=direction,
                source_name=source_name,
                target_name=target_name,
            )

        by_label: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_label.setdefault(mention.label, []).append(mention)
        therapies = by_label.get("Therapy", []) + by_label.get("Chemical", [])
        diseases = by_label.get("Disease", [])
        mechanisms = by_label.get("Mechanism", [])
        molecules = by_label.get("Molecule", [])
        treated: set[str] = set()

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
                if self._never_treats(therapy.concept):
                    continue
                for disease in diseases:
                    if therapy.concept == disease.concept or _overlaps(therapy, disease):
                        continue
                    gap = between(therapy, disease)
                    if _NEGATION.search(gap) or self._causes(local(therapy), local(disease), text):
                        continue
                    distance = len(gap)
                    base = 0.8 if distance < 120 else 0.6
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

        if therapies and mechanisms and _MEDIATION_TRIGGER.search(text):
            for therapy in by_label.get("Therapy", []):
                for mechanism in mechanisms:
                    if _NEGATION.search(between(therapy, mechanism)):
                        continue
                    yield relation("ACTS_VIA", therapy.concept, mechanism.concept, "acts-via", 0.75)

        changes = (
            [
                (molecule, direction)
                for molecule in molecules
                if (direction := _direction_before(text, local(molecule)[0])) is not None
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
                for molecule, direction in changes:
                    if _NEGATION.search(between(mechanism, molecule)):
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
                for target in targets:
                    yield relation(
                        "TARGETS",
                        mechanism.concept,
                        str(target),
                        "lexicon-targets",
                        0.9,
                        direction=direction_stated if isinstance(direction_stated, str) else None,
                    )

        pathogenic = bool(diseases) and _PATHOGENESIS_TRIGGER.search(text) is not None
        for mechanism_id in [m.concept for m in mechanisms] + synthetic:
            for disease in diseases:
                if not (pathogenic or disease.concept in treated):
                    continue
                yield relation(
                    "IMPLICATED_IN",
                    mechanism_id,
                    disease.concept,
                    "implicated-in",
                    0.65 if pathogenic else 0.55,
                )

    def _never_treats(self, concept_id: str) -> bool:
        """A comparator (placebo, saline) or a model inducer (type II collagen) per lexicon."""
        info = self.lexicon.concept(concept_id)
        return info is not None and info.extra.get("role") in ("comparator", "inducer")

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


def _direction_before(text: str, position: int) -> str | None:
    """The change word nearest before ``position`` (within a window), as a direction."""
    window_start = max(0, position - _DIRECTION_WINDOW)
    window = text[window_start:position]
    best: tuple[int, str] | None = None
    for pattern, direction in ((_DECREASE, "decrease"), (_INCREASE, "increase")):
        for match in pattern.finditer(window):
            if best is None or match.start() > best[0]:
                best = (match.start(), direction)
    if best is None:
        return None
    if _NEGATION.search(window[best[0] :]):
        return None
    return best[1]
