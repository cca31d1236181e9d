"""Actor coding: every actor mention coded to country (ISO alpha-3), CAMEO sector, ACLED type and name.

>>> from newsevents.actors import ActorCoder
>>> coder = ActorCoder.default()
"""

from .coder import ActorCoder, ActorMention

__all__ = ["ActorCoder", "ActorMention"]
