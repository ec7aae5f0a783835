"""One operation's showcase example (``Operation.example``, decided by the parser) rendered as
runnable code, one renderer per language: :mod:`.python` (an SDK call), :mod:`.cli` (a
``<command> <service> <action>`` line) and :mod:`.curl` (a curl command). The SDK README uses
them; the docs, the skills and llms.txt will, so every sample shows the same call."""
