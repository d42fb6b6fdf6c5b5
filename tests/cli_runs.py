"""The command line run in the test process, for the CLI tests."""

from __future__ import annotations

from astana import cli


def main(*args: str) -> int:
    """Run the CLI in this process; argparse's usage errors exit, so catch that too."""
    try:
        return cli.main(list(args))
    except SystemExit as stop:
        return stop.code


def one_line_error(capsys) -> str:
    """What the command wrote to stderr, checked to be one line and no traceback."""
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err
