"""Face check-in and enrolment screens, thin views over ``app.identity``."""

from ui.identity.checkin_widget import CheckInWidget
from ui.identity.enrolment_dialog import EnrolmentDialog

__all__ = ["CheckInWidget", "EnrolmentDialog"]
