from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.hash_algorithm import HashAlgorithm
from ..models.hash_encoding import HashEncoding
from ..types import UNSET, Unset

T = TypeVar("T", bound="HashPropertiesConfiguration")


@_attrs_define
class HashPropertiesConfiguration:
    """
    Attributes:
        algorithm (HashAlgorithm):
        paths (list[str]):
        key (None | str | Unset):
        encoding (HashEncoding | Unset):
    """

    algorithm: HashAlgorithm
    paths: list[str]
    key: str | Unset | None = UNSET
    encoding: HashEncoding | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        algorithm = self.algorithm.value

        paths = self.paths

        key: str | Unset | None
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "algorithm": algorithm,
                "paths": paths,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key
        if encoding is not UNSET:
            field_dict["encoding"] = encoding

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        algorithm = HashAlgorithm(d.pop("algorithm"))

        paths = cast(list[str], d.pop("paths"))

        def _parse_key(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        _encoding = d.pop("encoding", UNSET)
        encoding: HashEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = HashEncoding(_encoding)

        hash_properties_configuration = cls(
            algorithm=algorithm,
            paths=paths,
            key=key,
            encoding=encoding,
        )

        return hash_properties_configuration
