"""Entry point: ``streamlit run app.py`` (locally and on Streamlit Community Cloud).

The page itself is built by :func:`astana.ui.main`.
"""

from astana.ui import main

main()
