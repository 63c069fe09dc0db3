"""Contains all the data models used in inputs/outputs"""

from .add_source_to_tracking_plan import AddSourceToTrackingPlan
from .ambiguous_property import AmbiguousProperty
from .change_action import ChangeAction
from .changelog_data import ChangelogData
from .changelog_entry import ChangelogEntry
from .changelog_response import ChangelogResponse
from .common_event_action import CommonEventAction
from .common_traits_action import CommonTraitsAction
from .config_api_error import ConfigApiError
from .config_event import ConfigEvent
from .config_event_out import ConfigEventOut
from .config_rules import ConfigRules
from .config_rules_out import ConfigRulesOut
from .config_tracking_plan import ConfigTrackingPlan
from .config_tracking_plan_input import ConfigTrackingPlanInput
from .config_tracking_plans import ConfigTrackingPlans
from .conflicting_property import ConflictingProperty
from .connected_source_data import ConnectedSourceData
from .connected_source_response import ConnectedSourceResponse
from .copy_data import CopyData
from .copy_mode import CopyMode
from .copy_response import CopyResponse
from .copy_tracking_plan import CopyTrackingPlan
from .create_config_tracking_plan import CreateConfigTrackingPlan
from .create_source import CreateSource
from .create_source_connection import CreateSourceConnection
from .create_token import CreateToken
from .create_tracking_plan import CreateTrackingPlan
from .delivery_counts import DeliveryCounts
from .delivery_data import DeliveryData
from .delivery_response import DeliveryResponse
from .digest_data import DigestData
from .digest_response import DigestResponse
from .digest_violation import DigestViolation
from .document_plan import DocumentPlan
from .document_rule import DocumentRule
from .duplicate_tracking_plan import DuplicateTrackingPlan
from .empty import Empty
from .error_envelope import ErrorEnvelope
from .error_item import ErrorItem
from .event import Event
from .event_result import EventResult
from .event_type import EventType
from .event_violations import EventViolations
from .export_tracking_plan_format import ExportTrackingPlanFormat
from .field_violations import FieldViolations
from .field_violations_samples_type_0_item import FieldViolationsSamplesType0Item
from .fql_defined_property import FqlDefinedProperty
from .hash_algorithm import HashAlgorithm
from .hash_encoding import HashEncoding
from .hash_properties_configuration import HashPropertiesConfiguration
from .hourly_delivery import HourlyDelivery
from .import_observed import ImportObserved
from .import_rules import ImportRules
from .issued_token import IssuedToken
from .json_schema import JsonSchema
from .label import Label
from .new_config_tracking_plan import NewConfigTrackingPlan
from .not_copied import NotCopied
from .observed_event import ObservedEvent
from .observed_import_data import ObservedImportData
from .observed_import_response import ObservedImportResponse
from .observed_property import ObservedProperty
from .observed_rule import ObservedRule
from .observed_schema import ObservedSchema
from .observed_schema_response import ObservedSchemaResponse
from .outcome import Outcome
from .pagination import Pagination
from .pipeline_result import PipelineResult
from .pipeline_summary import PipelineSummary
from .pipeline_summary_violations import PipelineSummaryViolations
from .plan_document import PlanDocument
from .plan_type import PlanType
from .plan_validation_data import PlanValidationData
from .plan_validation_response import PlanValidationResponse
from .plan_violations_data import PlanViolationsData
from .plan_violations_response import PlanViolationsResponse
from .preview_data import PreviewData
from .preview_response import PreviewResponse
from .preview_transformations import PreviewTransformations
from .property_rename import PropertyRename
from .property_value_transformation import PropertyValueTransformation
from .recent_event import RecentEvent
from .recent_event_event import RecentEventEvent
from .recent_events_data import RecentEventsData
from .recent_events_response import RecentEventsResponse
from .remove_rules_body import RemoveRulesBody
from .replace_rules_body import ReplaceRulesBody
from .role import Role
from .rule import Rule
from .rule_identity import RuleIdentity
from .rule_input import RuleInput
from .rule_ref import RuleRef
from .rule_type import RuleType
from .rules_change_data import RulesChangeData
from .rules_change_response import RulesChangeResponse
from .rules_data import RulesData
from .rules_response import RulesResponse
from .schema_limits import SchemaLimits
from .schema_settings import SchemaSettings
from .schema_settings_change import SchemaSettingsChange
from .schema_settings_data import SchemaSettingsData
from .schema_settings_response import SchemaSettingsResponse
from .schema_window import SchemaWindow
from .skipped_property import SkippedProperty
from .source import Source
from .source_configuration import SourceConfiguration
from .source_connection import SourceConnection
from .source_connections import SourceConnections
from .source_data import SourceData
from .source_kind import SourceKind
from .source_label import SourceLabel
from .source_metadata import SourceMetadata
from .source_response import SourceResponse
from .source_settings import SourceSettings
from .source_validation_data import SourceValidationData
from .source_validation_response import SourceValidationResponse
from .source_violations_data import SourceViolationsData
from .source_violations_response import SourceViolationsResponse
from .sources_data import SourcesData
from .sources_response import SourcesResponse
from .status_data import StatusData
from .status_response import StatusResponse
from .token import Token
from .token_data import TokenData
from .token_response import TokenResponse
from .tokens_data import TokensData
from .tokens_response import TokensResponse
from .track_settings import TrackSettings
from .track_settings_change import TrackSettingsChange
from .tracking_plan import TrackingPlan
from .tracking_plan_data import TrackingPlanData
from .tracking_plan_response import TrackingPlanResponse
from .tracking_plans_data import TrackingPlansData
from .tracking_plans_response import TrackingPlansResponse
from .traits_settings import TraitsSettings
from .traits_settings_change import TraitsSettingsChange
from .transformation import Transformation
from .transformation_data import TransformationData
from .transformation_input import TransformationInput
from .transformation_response import TransformationResponse
from .transformations_data import TransformationsData
from .transformations_response import TransformationsResponse
from .type_count import TypeCount
from .update_config_tracking_plan import UpdateConfigTrackingPlan
from .update_mask import UpdateMask
from .update_tracking_plan import UpdateTrackingPlan
from .update_transformation import UpdateTransformation
from .upsert_rule import UpsertRule
from .upsert_rules_body import UpsertRulesBody
from .validate_events import ValidateEvents
from .validation_summary import ValidationSummary
from .validation_summary_violations import ValidationSummaryViolations
from .violation import Violation
from .window import Window
from .workspace import Workspace
from .workspace_data import WorkspaceData
from .workspace_response import WorkspaceResponse

__all__ = (
    "AddSourceToTrackingPlan",
    "AmbiguousProperty",
    "ChangeAction",
    "ChangelogData",
    "ChangelogEntry",
    "ChangelogResponse",
    "CommonEventAction",
    "CommonTraitsAction",
    "ConfigApiError",
    "ConfigEvent",
    "ConfigEventOut",
    "ConfigRules",
    "ConfigRulesOut",
    "ConfigTrackingPlan",
    "ConfigTrackingPlanInput",
    "ConfigTrackingPlans",
    "ConflictingProperty",
    "ConnectedSourceData",
    "ConnectedSourceResponse",
    "CopyData",
    "CopyMode",
    "CopyResponse",
    "CopyTrackingPlan",
    "CreateConfigTrackingPlan",
    "CreateSource",
    "CreateSourceConnection",
    "CreateToken",
    "CreateTrackingPlan",
    "DeliveryCounts",
    "DeliveryData",
    "DeliveryResponse",
    "DigestData",
    "DigestResponse",
    "DigestViolation",
    "DocumentPlan",
    "DocumentRule",
    "DuplicateTrackingPlan",
    "Empty",
    "ErrorEnvelope",
    "ErrorItem",
    "Event",
    "EventResult",
    "EventType",
    "EventViolations",
    "ExportTrackingPlanFormat",
    "FieldViolations",
    "FieldViolationsSamplesType0Item",
    "FqlDefinedProperty",
    "HashAlgorithm",
    "HashEncoding",
    "HashPropertiesConfiguration",
    "HourlyDelivery",
    "ImportObserved",
    "ImportRules",
    "IssuedToken",
    "JsonSchema",
    "Label",
    "NewConfigTrackingPlan",
    "NotCopied",
    "ObservedEvent",
    "ObservedImportData",
    "ObservedImportResponse",
    "ObservedProperty",
    "ObservedRule",
    "ObservedSchema",
    "ObservedSchemaResponse",
    "Outcome",
    "Pagination",
    "PipelineResult",
    "PipelineSummary",
    "PipelineSummaryViolations",
    "PlanDocument",
    "PlanType",
    "PlanValidationData",
    "PlanValidationResponse",
    "PlanViolationsData",
    "PlanViolationsResponse",
    "PreviewData",
    "PreviewResponse",
    "PreviewTransformations",
    "PropertyRename",
    "PropertyValueTransformation",
    "RecentEvent",
    "RecentEventEvent",
    "RecentEventsData",
    "RecentEventsResponse",
    "RemoveRulesBody",
    "ReplaceRulesBody",
    "Role",
    "Rule",
    "RuleIdentity",
    "RuleInput",
    "RuleRef",
    "RuleType",
    "RulesChangeData",
    "RulesChangeResponse",
    "RulesData",
    "RulesResponse",
    "SchemaLimits",
    "SchemaSettings",
    "SchemaSettingsChange",
    "SchemaSettingsData",
    "SchemaSettingsResponse",
    "SchemaWindow",
    "SkippedProperty",
    "Source",
    "SourceConfiguration",
    "SourceConnection",
    "SourceConnections",
    "SourceData",
    "SourceKind",
    "SourceLabel",
    "SourceMetadata",
    "SourceResponse",
    "SourceSettings",
    "SourceValidationData",
    "SourceValidationResponse",
    "SourceViolationsData",
    "SourceViolationsResponse",
    "SourcesData",
    "SourcesResponse",
    "StatusData",
    "StatusResponse",
    "Token",
    "TokenData",
    "TokenResponse",
    "TokensData",
    "TokensResponse",
    "TrackSettings",
    "TrackSettingsChange",
    "TrackingPlan",
    "TrackingPlanData",
    "TrackingPlanResponse",
    "TrackingPlansData",
    "TrackingPlansResponse",
    "TraitsSettings",
    "TraitsSettingsChange",
    "Transformation",
    "TransformationData",
    "TransformationInput",
    "TransformationResponse",
    "TransformationsData",
    "TransformationsResponse",
    "TypeCount",
    "UpdateConfigTrackingPlan",
    "UpdateMask",
    "UpdateTrackingPlan",
    "UpdateTransformation",
    "UpsertRule",
    "UpsertRulesBody",
    "ValidateEvents",
    "ValidationSummary",
    "ValidationSummaryViolations",
    "Violation",
    "Window",
    "Workspace",
    "WorkspaceData",
    "WorkspaceResponse",
)
