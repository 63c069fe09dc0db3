from enum import StrEnum


class CommonEventAction(StrEnum):
    ALLOW = "ALLOW"
    BLOCK = "BLOCK"
    OMIT_PROPERTIES = "OMIT_PROPERTIES"

    def __str__(self) -> str:
        return str(self.value)
