from enum import StrEnum


class Outcome(StrEnum):
    BLOCKED = "BLOCKED"
    DELIVERED = "DELIVERED"
    DROPPED = "DROPPED"
    REJECTED = "REJECTED"

    def __str__(self) -> str:
        return str(self.value)
