from enum import StrEnum


class HashAlgorithm(StrEnum):
    MD5 = "MD5"
    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA384 = "SHA384"
    SHA512 = "SHA512"

    def __str__(self) -> str:
        return str(self.value)
