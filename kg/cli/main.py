"""The ``kg`` command line: the only place that prints, and where errors become exit codes.

Exit codes: 0 success, 1 error (bad input, failed output), 2 usage (bad options).  Errors
print one line, ``kg: error: ...``; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from kg import __version__
from kg.cli.analyze_cmd import analyze_command
from kg.cli.annotate_cmd import annotate_command
from kg.cli.build_cmd import build_command, parse_command
from kg.cli.export_cmd import export_command
from kg.cli.info_cmd import formats_command, stats_command
from kg.cli.lexicon_cmd import lexicon_group
from kg.cli.load_cmd import load_command
from kg.cli.query_cmd import query_command
from kg.cli.validate_cmd import validate_command
from kg.cli.view_cmd import view_command
from kg.errors import KGError

__all__ = ["cli", "main"]


class _KGGroup(click.Group):
    """Maps kg's exceptions (and unexpected ones) to one message line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as error:
            if ctx.meta.get("kg.debug"):
                raise
            click.echo(f"kg: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            # The reader of our output went away (`kg parse ... | head`): stop quietly, as
            # Unix tools do, and keep Python from complaining when it flushes stdout at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:
            if ctx.meta.get("kg.debug"):
                raise
            click.echo(
                f"kg: internal error: {type(error).__name__}: {error} "
                "(rerun with --debug for the traceback and report it)",
                err=True,
            )
            ctx.exit(1)


@click.group(
    cls=_KGGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: kg build examples/ --out build/   then open build/overview.html",
)
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a knowledge graph from biomedical literature records.

    Reads PubMed XML, MEDLINE/.nbib, PubMed CSV and text exports, saved PubMed pages and
    numbered citation listings; writes the graph as JSON, RDF (Turtle), GraphML and an
    offline HTML view.  Run `kg COMMAND --help` for each command.
    """
    ctx.meta["kg.debug"] = debug


cli.add_command(build_command)
cli.add_command(parse_command)
cli.add_command(formats_command)
cli.add_command(stats_command)
cli.add_command(lexicon_group)
cli.add_command(annotate_command)
cli.add_command(export_command)
cli.add_command(load_command)
cli.add_command(query_command)
cli.add_command(validate_command)
cli.add_command(view_command)
cli.add_command(analyze_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")


if __name__ == "__main__":  # pragma: no cover
    main()
