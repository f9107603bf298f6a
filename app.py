"""Conference Helper web app: `python app.py [--agenda PATH] [--host H] [--port P]`."""

import sys

from helper.cli import app_main

if __name__ == "__main__":
    sys.exit(app_main())
