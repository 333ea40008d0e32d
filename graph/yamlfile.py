"""YAML that remembers line numbers, so every error can point at the line to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Mapping(dict):
    """A YAML mapping with the 1-based line it starts on, and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


# libyaml's parser (about ten times faster) when PyYAML was built with it; marks work the same
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        self.flatten_mapping(node)
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)


class YamlError(Exception):
    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


def load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise YamlError(path, None, f"not UTF-8 text ({err.reason})") from err
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: safe
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(str(p) for p in (err.context, err.problem) if p)
        raise YamlError(path, line, f"malformed YAML: {message}") from err


def line_of(node: object, key: str | None = None) -> int | None:
    """The line `node` starts on, or that of its `key` when it has one."""
    if not isinstance(node, Mapping):
        return None
    lines = getattr(node, "key_lines", {})  # a Mapping made in code has none
    return lines.get(key, node.line) if key is not None else node.line
