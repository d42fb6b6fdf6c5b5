"""An atlas of the Syrian de-escalation zones of the 2017 Astana process.

Load the data with :func:`astana.catalog.load_atlas`; everything downstream takes the
returned :class:`~astana.catalog.Atlas` as an argument.
"""

__version__ = "0.1.0"
