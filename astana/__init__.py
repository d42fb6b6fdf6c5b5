"""An atlas of the Syrian de-escalation zones of the Astana process, 2017-2024.

Load the data with :func:`astana.data.catalog.load_atlas`; everything downstream takes the
returned :class:`~astana.data.models.Atlas` as an argument.
"""

__version__ = "0.1.0"
