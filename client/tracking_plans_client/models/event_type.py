from enum import StrEnum


class EventType(StrEnum):
    ALIAS = "alias"
    GROUP = "group"
    IDENTIFY = "identify"
    PAGE = "page"
    SCREEN = "screen"
    TRACK = "track"

    def __str__(self) -> str:
        return str(self.value)
