"""The CLI's own commands (auth, config, api, guide, doctor, version, commands).

``BUILTINS`` maps a command name to ``"module:attribute"``, the module relative to this
package (``"auth:group"`` is ``<package>._runtime.builtin.auth``'s ``group``); the root group
imports a module only when its command runs. ``BUILTIN_HELP`` is each one's one-line help, which
the root's ``--help`` lists without importing them (and which each command uses as its own).
"""

from __future__ import annotations

BUILTINS: dict[str, str] = {
    "api": "api:group",
    "auth": "auth:group",
    "commands": "commands:command",
    "config": "config:group",
    "doctor": "doctor:command",
    "guide": "guide:command",
    "version": "version:command",
}

BUILTIN_HELP: dict[str, str] = {
    "api": "Send raw API requests; list and describe operations.",
    "auth": "Log in, see who you are, manage profiles.",
    "commands": "List every command with its flags (-o json: the whole tree).",
    "config": "Read and change a profile's settings.",
    "doctor": "Check the token, base URL, connection and scopes.",
    "guide": "Find how to do something: workflows as commands.",
    "version": "Show the CLI, SDK and API versions.",
}
