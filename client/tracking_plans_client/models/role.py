from enum import StrEnum


class Role(StrEnum):
    PROTOCOLS_ADMIN = "PROTOCOLS_ADMIN"
    PROTOCOLS_READ_ONLY = "PROTOCOLS_READ_ONLY"
    WORKSPACE_OWNER = "WORKSPACE_OWNER"

    def __str__(self) -> str:
        return str(self.value)
