"""Recognition and relation quality on the development sets of standard corpora.

    python bench/ner_eval.py [--corpora ../shared/data/corpora] [--lexicon DIR] [--errors DIR]

Prints precision, recall and F1 at mention level (exact span and type) and concept level
(grounded MeSH/OMIM id per document) on the NCBI Disease and BC5CDR development sets, and
relation precision/recall where our relation types map onto the corpora's:

* BioRED: a Chemical-Disease ``Negative_Correlation`` (the chemical lowers the disease) is what
  our ``TREATS`` claims;
* BC5CDR: chemical-induced disease (CID) pairs are the *opposite* of TREATS, so the figure
  printed is how many of our TREATS pairs are CID pairs (each one an error).

Only development files are read: the lexicon is mined from the training files, and the test
splits are held out.  ``--errors DIR`` writes every false positive and negative for study.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from kg.nlp.annotate import Annotator
from kg.nlp.evaluation import Score, score_concepts, score_mentions, score_pairs
from kg.nlp.lexicon import CompiledLexicon, load_lexicon
from kg.pubtator import PubtatorDocument, iter_documents

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = ROOT.parent / "shared" / "data" / "corpora"

NCBI_TYPES = {
    "SpecificDisease": "Disease",
    "DiseaseClass": "Disease",
    "Modifier": "Disease",
    "CompositeMention": "Disease",
}
CDR_TYPES = {"Chemical": "Chemical", "Disease": "Disease"}
BIORED_TYPES = {"ChemicalEntity": "Chemical", "DiseaseOrPhenotypicFeature": "Disease"}


def standard_ids(lexicon: CompiledLexicon, concept_id: str) -> frozenset[str]:
    """The MeSH and OMIM ids a concept stands for, in the corpora's spelling."""
    return frozenset(_gold_id(c) for c in lexicon.standard_ids(concept_id))


def _gold_id(identifier: str) -> str:
    identifier = identifier.strip()
    if identifier.startswith(("MESH:", "OMIM:")):
        return identifier
    if identifier[:1] in ("D", "C") and identifier[1:].isdigit():
        return f"MESH:{identifier}"
    if identifier.isdigit():
        return f"OMIM:{identifier}"
    return identifier


def _read(path: Path) -> list[PubtatorDocument]:
    with path.open(encoding="utf-8") as lines:
        return list(iter_documents(lines, str(path)))


class Evaluation:
    def __init__(self, annotator: Annotator, name: str, types: dict[str, str]) -> None:
        self.annotator = annotator
        self.name = name
        self.types = types
        self.labels = sorted(set(types.values()))
        self.mentions = {label: Score() for label in self.labels}
        self.concepts = {label: Score() for label in self.labels}
        self.documents = 0
        self.seconds = 0.0

    def run(self, documents: Iterable[PubtatorDocument]) -> None:
        lexicon = self.annotator.lexicon
        for document in documents:
            self.documents += 1
            started = time.perf_counter()
            annotation = self.annotator.annotate_fields([("text", document.text)])
            self.seconds += time.perf_counter() - started
            for label in self.labels:
                predicted = [
                    (m.start, m.end, label) for m in annotation.mentions if m.label == label
                ]
                gold = [
                    (m.start, m.end, label)
                    for m in document.mentions
                    if self.types.get(m.type) == label
                ]
                self.mentions[label].add(
                    score_mentions(predicted, gold, document.text, document.id)
                )
                predicted_ids = [
                    standard_ids(lexicon, m.concept)
                    for m in annotation.mentions
                    if m.label == label
                ]
                gold_ids = {
                    _gold_id(identifier)
                    for m in document.mentions
                    if self.types.get(m.type) == label
                    for identifier in m.ids
                    if identifier not in ("-1", "")
                }
                self.concepts[label].add(score_concepts(predicted_ids, gold_ids, document.id))

    def report(self) -> None:
        rate = self.documents / self.seconds if self.seconds else 0.0
        print(f"\n{self.name}: {self.documents} documents, {rate:,.0f} documents/s")
        for label in self.labels:
            print(f"  {label:8} mentions  {self.mentions[label].line()}")
            print(f"  {label:8} concepts  {self.concepts[label].line()}")


def relation_scores(
    annotator: Annotator, documents: list[PubtatorDocument], gold_type: str, types: dict[str, str]
) -> tuple[Score, int]:
    """TREATS pairs against the corpus's ``gold_type`` chemical-disease pairs."""
    lexicon = annotator.lexicon
    total = Score()
    predicted_count = 0
    for document in documents:
        kinds = {i: types.get(m.type) for m in document.mentions for i in m.ids}
        gold = {
            (_gold_id(r.id1), _gold_id(r.id2))
            if kinds.get(r.id1) == "Chemical"
            else (_gold_id(r.id2), _gold_id(r.id1))
            for r in document.relations
            if r.type == gold_type
            and {kinds.get(r.id1), kinds.get(r.id2)} == {"Chemical", "Disease"}
        }
        annotation = annotator.annotate_fields([("text", document.text)])
        predicted = {
            (standard_ids(lexicon, relation.source), standard_ids(lexicon, relation.target))
            for relation in annotation.relations
            if relation.type == "TREATS" and relation.modality == "asserted"
        }
        predicted_count += len(predicted)
        total.add(score_pairs(predicted, gold, document.id))
    return total, predicted_count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--lexicon", type=Path, default=None)
    parser.add_argument(
        "--errors", type=Path, default=None, help="write false positives/negatives here"
    )
    args = parser.parse_args(argv)
    corpora: Path = args.corpora
    if not corpora.is_dir():
        print(f"corpora directory not found: {corpora}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    lexicon = load_lexicon(args.lexicon)
    print(
        f"lexicon: {len(lexicon.concepts):,} concepts, {lexicon.key_count:,} keys, "
        f"loaded in {time.perf_counter() - started:.2f} s"
    )
    annotator = Annotator(lexicon)

    ncbi = Evaluation(annotator, "NCBI Disease (development set)", NCBI_TYPES)
    ncbi.run(_read(corpora / "ncbi-disease" / "NCBIdevelopset_corpus.txt"))
    ncbi.report()
    cdr_documents = _read(corpora / "bc5cdr" / "CDR_DevelopmentSet.PubTator.txt")
    cdr = Evaluation(annotator, "BC5CDR (development set)", CDR_TYPES)
    cdr.run(cdr_documents)
    cdr.report()

    biored_documents = _read(corpora / "biored" / "Dev.PubTator")
    treats, _ = relation_scores(annotator, biored_documents, "Negative_Correlation", BIORED_TYPES)
    print("\nBioRED (development set): TREATS vs Chemical-Disease Negative_Correlation")
    print(f"  {treats.line()}")
    cid, predicted = relation_scores(annotator, cdr_documents, "CID", CDR_TYPES)
    print("\nBC5CDR (development set): TREATS pairs that are chemical-induced-disease pairs")
    print(
        f"  {cid.tp} of {predicted} TREATS pairs are CID (adverse) pairs "
        f"({cid.tp / predicted if predicted else 0:.1%}); lower is better"
    )

    if args.errors:
        args.errors.mkdir(parents=True, exist_ok=True)
        for evaluation in (ncbi, cdr):
            stem = evaluation.name.split()[0].lower()
            for label in evaluation.labels:
                for kind, score in (
                    ("mentions", evaluation.mentions[label]),
                    ("concepts", evaluation.concepts[label]),
                ):
                    (args.errors / f"{stem}-{label}-{kind}-fp.tsv").write_text(
                        "\n".join(score.false_positives) + "\n", encoding="utf-8"
                    )
                    (args.errors / f"{stem}-{label}-{kind}-fn.tsv").write_text(
                        "\n".join(score.false_negatives) + "\n", encoding="utf-8"
                    )
        (args.errors / "biored-treats-fp.tsv").write_text(
            "\n".join(treats.false_positives) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
