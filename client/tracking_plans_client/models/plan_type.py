from enum import StrEnum


class PlanType(StrEnum):
    ENGAGE = "ENGAGE"
    LIVE = "LIVE"
    PROPERTY_LIBRARY = "PROPERTY_LIBRARY"
    RULE_LIBRARY = "RULE_LIBRARY"
    TEMPLATE = "TEMPLATE"

    def __str__(self) -> str:
        return str(self.value)
