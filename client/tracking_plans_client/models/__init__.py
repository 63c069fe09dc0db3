"""Contains all the data models used in inputs/outputs"""

from .create_token import CreateToken
from .create_tracking_plan import CreateTrackingPlan
from .error_envelope import ErrorEnvelope
from .error_item import ErrorItem
from .issued_token import IssuedToken
from .pagination import Pagination
from .plan_type import PlanType
from .role import Role
from .status_data import StatusData
from .status_response import StatusResponse
from .token import Token
from .token_data import TokenData
from .token_response import TokenResponse
from .tokens_data import TokensData
from .tokens_response import TokensResponse
from .tracking_plan import TrackingPlan
from .tracking_plan_data import TrackingPlanData
from .tracking_plan_response import TrackingPlanResponse
from .tracking_plans_data import TrackingPlansData
from .tracking_plans_response import TrackingPlansResponse
from .update_tracking_plan import UpdateTrackingPlan
from .workspace import Workspace
from .workspace_data import WorkspaceData
from .workspace_response import WorkspaceResponse

__all__ = (
    "CreateToken",
    "CreateTrackingPlan",
    "ErrorEnvelope",
    "ErrorItem",
    "IssuedToken",
    "Pagination",
    "PlanType",
    "Role",
    "StatusData",
    "StatusResponse",
    "Token",
    "TokenData",
    "TokenResponse",
    "TokensData",
    "TokensResponse",
    "TrackingPlan",
    "TrackingPlanData",
    "TrackingPlanResponse",
    "TrackingPlansData",
    "TrackingPlansResponse",
    "UpdateTrackingPlan",
    "Workspace",
    "WorkspaceData",
    "WorkspaceResponse",
)
