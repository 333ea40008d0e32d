"""YAML that remembers line numbers, so every error can point at the line to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.notices import notice


class Mapping(dict):
    """A YAML mapping with the 1-based line it starts on, and the line of each of its keys."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line of `key` (where its value starts, too, unless that is a block below it);
        the mapping's own line when the key is absent, which is where it should be added."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence with the 1-based line of each item."""

    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


# libyaml's parser (about ten times faster) when PyYAML was built with it; marks work the same
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        self.flatten_mapping(node)
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, notice("duplicate_key", key=key), key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        sequence = Sequence(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    lambda loader, node: loader.construct_mapping(node, deep=True),
)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    lambda loader, node: loader.construct_sequence(node, deep=True),
)


class YamlError(Exception):
    def __init__(self, path: Path, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


def load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise YamlError(path, None, notice("not_utf8", reason=err.reason)) from err
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: safe
    except yaml.MarkedYAMLError as err:
        message = " ".join(str(p) for p in (err.context, err.problem) if p)
        line = _culprit(err)
        opened = _open_quote(text, line) if line else None
        if opened:
            message += notice("unclosed", opened=opened, line=line)
            line = opened
        raise YamlError(path, line, notice("malformed_yaml", message=message)) from err


def _culprit(err: yaml.MarkedYAMLError) -> int | None:
    """The line to fix: where an unclosed bracket or quote opened, else where parsing stopped.

    The parser notices an unclosed `[` or `"` only lines later; its context mark is where the
    construct began. For other errors the context is an enclosing block (perhaps the whole
    entity), and the problem mark is the line at fault.
    """
    opening = err.context and ("flow" in err.context or "quoted" in err.context)
    mark = (err.context_mark if opening else None) or err.problem_mark or err.context_mark
    return mark.line + 1 if mark else None


def _open_quote(text: str, line: int) -> int | None:
    """The line a quoted scalar starts on, if one spans lines and ends on `line`.

    An unclosed quote swallows the lines after it up to the next quote mark, and the parser
    then fails there; the line to fix is where the quote opened.
    """
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark.line + 1, token.end_mark.line + 1
            if start > line:
                break
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
            if quoted and start < end == line:
                return start
    except yaml.YAMLError:
        pass
    return None


def line_of(node: object) -> int | None:
    return node.line if isinstance(node, Mapping | Sequence) else None


def key_line(node: object, key: Any) -> int | None:
    """The line of `key` in a mapping read from YAML (None for anything else)."""
    return node.line_of(key) if isinstance(node, Mapping) else None


def item_line(node: object, index: int) -> int | None:
    """The line of item `index` of a sequence read from YAML (None for anything else)."""
    return node.line_at(index) if isinstance(node, Sequence) else None
