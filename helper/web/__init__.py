"""The web page: handlers that return data (``handlers``), the one place that turns it into safe HTML
(``render``), deep links, calendar files, page assets and the Gradio page itself (``page.build_demo``)."""
