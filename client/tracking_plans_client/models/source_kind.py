from enum import StrEnum


class SourceKind(StrEnum):
    ANDROID = "android"
    DOTNET = "dotnet"
    FLUTTER = "flutter"
    GO = "go"
    HTTP_API = "http-api"
    IOS = "ios"
    JAVA = "java"
    JAVASCRIPT = "javascript"
    NODE = "node"
    PHP = "php"
    PYTHON = "python"
    REACT_NATIVE = "react-native"
    RUBY = "ruby"

    def __str__(self) -> str:
        return str(self.value)
