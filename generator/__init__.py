"""dxgen: one OpenAPI description in, a whole developer experience out."""

__version__ = "0.1.0"
