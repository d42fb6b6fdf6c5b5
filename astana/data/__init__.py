"""Data in: the typed records and the :class:`~astana.data.models.Atlas` (``models``), file
readers that report problems instead of raising (``files``), loading and validating
``data/`` and ``geodata/`` into one Atlas (``catalog``), and the checks on how zones end
and when layers hold (``lifecycle``).

Only the two faces (:mod:`astana.ui`, :mod:`astana.cli`) call the loader; everything else
takes the Atlas as an argument.
"""
