"""Place mentions and event locations, resolved offline against a GeoNames gazetteer.

>>> from newsevents import nlp
>>> from newsevents.geo import find_places, locate_event
>>> doc = nlp.load()("Protesters set the town hall on fire in Almaty on Wednesday.")
>>> places = find_places(doc, focus_country=None)
>>> locate_event(doc, 2, places, focus_country=None).name
'Almaty'
"""

from .gazetteer import Gazetteer, normalize
from .idioms import idiom_country
from .locate import locate_event, locate_mention, story_country
from .resolve import PlaceMention, find_places, resolve_name

__all__ = ["Gazetteer", "PlaceMention", "find_places", "idiom_country", "locate_event", "locate_mention", "normalize",
           "resolve_name", "story_country"]
