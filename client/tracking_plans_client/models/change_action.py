from enum import StrEnum


class ChangeAction(StrEnum):
    PLAN_CREATED = "PLAN_CREATED"
    PLAN_DELETED = "PLAN_DELETED"
    PLAN_UPDATED = "PLAN_UPDATED"
    RULE_CREATED = "RULE_CREATED"
    RULE_REMOVED = "RULE_REMOVED"
    RULE_UPDATED = "RULE_UPDATED"
    SOURCE_CONNECTED = "SOURCE_CONNECTED"
    SOURCE_DISCONNECTED = "SOURCE_DISCONNECTED"

    def __str__(self) -> str:
        return str(self.value)
