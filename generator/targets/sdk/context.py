"""State shared by the parts of the SDK target."""

from __future__ import annotations

from ...ir import Api
from ..python.types import Annotator


class SdkContext:
    """What every part of the SDK target reads: the IR and the names derived from it."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.project = api.project
        self.pkg = api.project.package
        self.src = f"sdk/src/{self.pkg}"
        self.annotator = Annotator(api)
        self.schemas = {s.name: s for s in api.schemas}
        self.operations = {op.id: op for op in api.operations}
