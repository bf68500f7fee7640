"""`python -m byline`: the byline command line (see byline.cli)."""
import sys

from .cli import main

sys.exit(main())
