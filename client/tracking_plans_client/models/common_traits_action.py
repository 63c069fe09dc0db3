from enum import StrEnum


class CommonTraitsAction(StrEnum):
    ALLOW = "ALLOW"
    BLOCK = "BLOCK"
    OMIT_TRAITS = "OMIT_TRAITS"

    def __str__(self) -> str:
        return str(self.value)
