"""``python -m astana``: see :mod:`astana.cli`."""

import sys

from astana.cli import main

if __name__ == "__main__":
    sys.exit(main())
