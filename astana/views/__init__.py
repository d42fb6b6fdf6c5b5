"""What the page shows, as plain data, folium objects and escaped HTML, built without
streamlit: text and escaping (``display``), the map (``mapview``, ``mapelements``), the
shared look of zones and layers (``style``), the legend, the step's summary, the timeline
strip (``charts``) and the slider's navigation. :mod:`astana.ui` puts them on the page.
"""
