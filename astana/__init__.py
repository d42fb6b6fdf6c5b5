"""An atlas of the Syrian de-escalation zones of the 2017 Astana process.

Load the data with :func:`astana.data.catalog.load_atlas`; everything downstream takes the
returned :class:`~astana.data.models.Atlas` as an argument.
"""

__version__ = "0.1.0"
