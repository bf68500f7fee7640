"""byline: entities, quotes and relations from news articles, with a C core."""
from . import _core

__version__ = _core.VERSION
