"""``kg formats`` and ``kg stats``: commands that describe, without building."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from kg.errors import OutputError
from kg.readers import REGISTRY

__all__ = ["formats_command", "stats_command"]


@click.command("formats", epilog="Example: kg formats")
def formats_command() -> None:
    """List the input formats kg reads (names for --format)."""
    width = max(len(name) for name in REGISTRY)
    for name, info in REGISTRY.items():
        click.echo(f"{name:<{width}}  {info.description}")


@click.command("stats", epilog="Example: kg stats build/")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the manifest figures as JSON.")
def stats_command(directory: Path, as_json: bool) -> None:
    """Summarise the build in DIRECTORY: inputs, records, nodes, edges, rejections."""
    manifest = _load_manifest(directory)
    reasons = _rejection_reasons(directory / "rejected.jsonl")
    if as_json:
        summary = {
            key: manifest.get(key)
            for key in (
                "records",
                "nodes",
                "edges",
                "nodes_by_label",
                "edges_by_type",
                "inputs",
                "timings_seconds",
                "peak_memory_mb",
            )
        }
        summary["rejection_reasons"] = dict(reasons.most_common())
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    records = manifest.get("records", {})
    click.echo(f"Build {directory} (kg {manifest.get('kg_version')}, {manifest.get('created')})")
    click.echo("Inputs:")
    for report in manifest.get("inputs", []):
        status = f"  error: {report['error']}" if report.get("error") else ""
        click.echo(
            f"  {report['file']} [{report.get('format') or '?'}] "
            f"read {report['records_read']}, accepted {report['accepted']}, "
            f"rejected {report['rejected']}{status}"
        )
    click.echo(
        f"Records: {records.get('read', 0)} read, {records.get('accepted', 0)} accepted, "
        f"{records.get('rejected', 0)} rejected; {records.get('papers', 0)} distinct "
        f"papers ({records.get('merged_into_existing_papers', 0)} merged duplicates), "
        f"{records.get('cited_only_papers', 0)} more cited by them."
    )
    click.echo(f"Nodes: {manifest.get('nodes')}")
    for label, count in manifest.get("nodes_by_label", {}).items():
        click.echo(f"  {label:<18}{count:>10}")
    click.echo(f"Edges: {manifest.get('edges')}")
    for kind, count in manifest.get("edges_by_type", {}).items():
        click.echo(f"  {kind:<18}{count:>10}")
    if reasons:
        click.echo("Rejections by reason:")
        for reason, count in reasons.most_common(10):
            click.echo(f"  {count:>6}  {reason}")
    timings = manifest.get("timings_seconds", {})
    click.echo(f"Time: {timings.get('total')} s; peak memory {manifest.get('peak_memory_mb')} MB")


def _load_manifest(directory: Path) -> dict[str, Any]:
    path = directory / "manifest.json"
    if not path.is_file():
        raise OutputError(
            f"{directory} is not a kg build directory (no manifest.json); "
            "run `kg build INPUT... --out DIR` first"
        )
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutputError(f"{path}: unreadable manifest ({error})") from error
    return loaded


def _rejection_reasons(path: Path) -> Counter[str]:
    reasons: Counter[str] = Counter()
    if not path.is_file():
        return reasons
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                reason = str(json.loads(line).get("reason", "?"))
            except ValueError:
                continue
            reasons[reason.split(":")[0][:80]] += 1
    return reasons
