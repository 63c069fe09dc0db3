from enum import StrEnum


class CopyMode(StrEnum):
    CREATE = "CREATE"
    MERGE = "MERGE"
    REPLACE = "REPLACE"

    def __str__(self) -> str:
        return str(self.value)
