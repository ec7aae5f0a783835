"""The CLI's own commands (auth, config, api, guide, doctor, version, commands).

``BUILTINS`` maps a command name to ``"module:attribute"``, the module relative to this
package (``"auth:group"`` is ``<package>._runtime.builtin.auth``'s ``group``); the root group
imports a module only when its command runs or is listed with its help.
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
