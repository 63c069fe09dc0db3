from enum import StrEnum


class RuleType(StrEnum):
    COMMON = "COMMON"
    GROUP = "GROUP"
    IDENTIFY = "IDENTIFY"
    PAGE = "PAGE"
    SCREEN = "SCREEN"
    TRACK = "TRACK"

    def __str__(self) -> str:
        return str(self.value)
