"""Where each docs page lives, decided once for every target that links to one.

The docs target writes these pages; the llms.txt and skills targets link to them. Paths are
POSIX and relative to the markdown root (``DocsPaths.ROOT`` under the output folder, beside the
site's ``mkdocs.yml`` in ``docs/``: mkdocs refuses a ``docs_dir`` that contains its config).
"""

from __future__ import annotations

from ..ir import Operation, Schema, Service, Workflow


class DocsPaths:
    """Page paths of the docs target, relative to :attr:`ROOT`."""

    SITE = "docs"  # the site folder under output/: mkdocs.yml lives here
    ROOT = "docs/docs"  # the markdown pages, under output/

    INDEX = "index.md"
    REFERENCE = "reference.md"  # every service and its operations
    MODELS = "models.md"  # every schema
    WORKFLOWS = "workflows.md"  # every workflow
    # the site's own script (mermaid), copied in when the site is built, never committed
    MERMAID_SCRIPT = "javascripts/mermaid.min.js"

    @staticmethod
    def service(service: Service) -> str:
        return f"reference/{service.module}/index.md"

    @staticmethod
    def operation(service: Service, op: Operation) -> str:
        return f"reference/{service.module}/{op.names.anchor}.md"

    @staticmethod
    def model(schema: Schema) -> str:
        """Where a schema is documented: its page, and its section there if it has one."""
        page = f"models/{schema.page}.md"
        return f"{page}#{schema.page_anchor}" if schema.page_anchor else page

    @staticmethod
    def model_page(schema: Schema) -> str:
        """The page a schema is documented on (its group's)."""
        return f"models/{schema.page}.md"

    @staticmethod
    def guide(slug: str) -> str:
        return f"guides/{slug}.md"

    @staticmethod
    def workflow(workflow: Workflow) -> str:
        return f"workflows/{workflow.id}.md"

    @staticmethod
    def relative(from_page: str, to_page: str) -> str:
        """The link from one page to another (both relative to :attr:`ROOT`)."""
        # posixpath.relpath, without its normalisation: page paths are already normal (and
        # relative), and a docs run asks for tens of thousands of links
        start = from_page.split("/")[:-1]
        target = to_page.split("/")
        common = 0
        for a, b in zip(start, target, strict=False):
            if a != b:
                break
            common += 1
        return "/".join([".."] * (len(start) - common) + target[common:]) or "."

    @classmethod
    def from_output(cls, page: str) -> str:
        """A page's path relative to the output folder (as llms.txt links it)."""
        return f"{cls.ROOT}/{page}"
