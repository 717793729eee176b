"""sitrep: reports in, explained events out.

    >>> import sitrep
    >>> events = sitrep.code("Iraqi troops clashed with Mahdi Army fighters in Basra.", date="2008-03-25")
    >>> events[0].cameo, events[0].source.code
    ('190', 'IRQMIL')
"""

from .model import Actor, CodedDocument, Document, Event, Reject, Span
from .pipeline import Coder, EventList, code
from .run import RunSummary, code_files
from .version import __version__

__all__ = ["Actor", "CodedDocument", "Coder", "Document", "Event", "EventList", "Reject", "RunSummary", "Span",
           "__version__", "code", "code_files"]
