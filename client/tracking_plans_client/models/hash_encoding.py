from enum import StrEnum


class HashEncoding(StrEnum):
    BASE16 = "BASE16"
    BASE64 = "BASE64"
    BASE64URL = "BASE64URL"
    HEX = "HEX"

    def __str__(self) -> str:
        return str(self.value)
