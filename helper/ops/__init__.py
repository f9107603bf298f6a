"""Running it: the index from settings, live reloads of the agenda file, and the server."""
