"""Service classes of the Pachca API; reached as attributes of the client."""

__all__: list[str] = []
