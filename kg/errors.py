"""Errors claimkg raises on purpose.

    ClaimKGError                 root: the CLI turns it into a message and exit code
    ├── InputError               an input file or folder cannot be used
    │   ├── MissingInputError    the path does not exist
    │   ├── EmptyInputError      the file is empty or only whitespace
    │   ├── BinaryInputError     the file holds binary data
    │   ├── EncodingInputError   the file is not UTF-8
    │   ├── TooLargeInputError   the file is over the size limit
    │   └── NoDataError          the description has no value to read
    ├── OutputError              the output cannot be written (unknown format, ...)
    └── GraphInputError          a graph given to validate/query/viz cannot be read

Each message names the file it is about.
"""

from __future__ import annotations


class ClaimKGError(Exception):
    """Root of claimkg's errors."""


class InputError(ClaimKGError):
    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class MissingInputError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingInputError(InputError):
    pass


class TooLargeInputError(InputError):
    pass


class NoDataError(InputError):
    pass


class OutputError(ClaimKGError):
    pass


class GraphInputError(ClaimKGError):
    pass
