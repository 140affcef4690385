"""widgets: ipywidgets views over ipo_core, for trainees and supervisors.

Each view is a thin composition of stock ipywidgets that draws the model and
makes one call into ``ipo_core`` per click; none keeps domain state of its own
(STYLE 12-13).  ``widgets`` imports ``ipo_core``, never the other way round.

- :class:`Handset`: a desk phone to press, drawn after its model (4612, 6416D+, 4606 ...).
- :class:`Manager`: Manager's User, Telephony, Short Code, Button Programming and Hunt
  Group screens over a received copy, with Merge and the readiness findings.
- :class:`Exercise`: the tech tip's six methods and two configuration tasks, checked
  step by step with hints, ending in an attempt record saved under the trainee's name
  (``Exercise.for_trainee`` gives each trainee a desk and login code of their own).
- :class:`MyProgress`: the trainee's own progress, from the training records: the methods
  passed, and where they left off.
- :class:`ProgressBoard`: the supervisor's view of the training records: per trainee and
  method, the class's most common mistakes, a picture, Refresh and a CSV download.
- :class:`AccuracyExplorer`: what CCC reports against what happened, redrawn as the
  scenario changes, and the workshop sweep with its progress bar.
"""

from widgets.base import StatusLine, View
from widgets.board import ProgressBoard
from widgets.exercise import Exercise
from widgets.explorer import AccuracyExplorer
from widgets.handset import Handset
from widgets.manager import Manager
from widgets.progress import MyProgress

__all__ = [
    "AccuracyExplorer",
    "Exercise",
    "Handset",
    "Manager",
    "MyProgress",
    "ProgressBoard",
    "StatusLine",
    "View",
]
