"""State shared by the parts of the SDK target."""

from __future__ import annotations

from ...ir import Api
from ..context import TargetContext
from ..python.types import Annotator


class SdkContext(TargetContext):
    """The shared lookups, plus the SDK's own: its package folder and the annotator."""

    def __init__(self, api: Api) -> None:
        super().__init__(api)
        self.pkg = api.project.package
        self.src = f"sdk/src/{self.pkg}"
        self.annotator = Annotator(self)
