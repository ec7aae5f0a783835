"""Profiles and tokens: login (stdin, --token), where tokens are kept (keyring or the file,
mode 0600), the precedence --token > PACHCA_TOKEN > --profile/PACHCA_PROFILE > active
profile, switch, list, logout, config get/set — in a temporary config folder."""

from __future__ import annotations

import json
import os
import pty
import select
import stat
import subprocess
import time
import tomllib

from .conftest import NO_KEYRING, Cli

WORK = "token-of-work-profile-AAAA"
HOME = "token-of-home-profile-BBBB"


def login(cli: Cli, profile: str, token: str, *extra: str) -> None:
    cli.ok("auth", "login", "--no-verify", "--profile", profile, *extra, input=token + "\n")


def used_token(cli: Cli, *args: str, env: dict[str, str] | None = None) -> str:
    return cli.ok("auth", "token", *args, env=env).out.strip()


def test_login_from_stdin_keeps_the_token_in_a_0600_file_without_keyring(cli: Cli) -> None:
    result = cli.ok("auth", "login", "--no-verify", "-o", "json", input=WORK + "\n")
    assert result.json()["profile"] == "default"
    assert "no OS keyring" in result.err
    mode = stat.S_IMODE(cli.config_file.stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(cli.config_dir.stat().st_mode) == 0o700
    data = tomllib.loads(cli.config_file.read_text())
    assert data["active"] == "default"
    assert data["profiles"]["default"] == {"token_storage": "file", "token": WORK}
    assert not list(cli.config_dir.glob(".config-*"))  # no temporary file left behind
    assert used_token(cli) == WORK


def test_rewriting_the_file_keeps_mode_0600(cli: Cli) -> None:
    login(cli, "work", WORK)
    cli.config_file.chmod(0o644)
    cli.ok("config", "set", "output", "yaml")
    assert stat.S_IMODE(cli.config_file.stat().st_mode) == 0o600


def test_keyring_is_used_when_available(cli: Cli) -> None:
    cli.use_keyring()
    login(cli, "work", WORK)
    assert WORK not in cli.config_file.read_text()
    assert json.loads(cli.keyring_file.read_text()) == {"pachca/work": WORK}
    profile = tomllib.loads(cli.config_file.read_text())["profiles"]["work"]
    assert profile == {"token_storage": "keyring"}
    assert used_token(cli) == WORK
    shown = cli.ok("auth", "token", "-o", "json").json()
    assert shown["source"] == "profile work (keyring)"
    listed = cli.ok("auth", "list", "-o", "json").json()
    assert listed == [{"profile": "work", "active": True, "token": "keyring", "base_url": ""}]
    cli.ok("auth", "logout")
    assert json.loads(cli.keyring_file.read_text()) == {}
    assert "work" not in tomllib.loads(cli.config_file.read_text()).get("profiles", {})


def test_insecure_storage_skips_the_keyring(cli: Cli) -> None:
    cli.use_keyring()
    login(cli, "work", WORK, "--insecure-storage")
    assert not cli.keyring_file.exists()
    assert tomllib.loads(cli.config_file.read_text())["profiles"]["work"]["token"] == WORK


def test_a_keyring_token_without_a_keyring_is_an_auth_error(cli: Cli) -> None:
    cli.use_keyring()
    login(cli, "work", WORK)
    result = cli.run("auth", "token", env={"PYTHON_KEYRING_BACKEND": NO_KEYRING})
    assert result.code == 3, str(result)
    assert "keyring" in result.err


def test_precedence(cli: Cli) -> None:
    login(cli, "work", WORK)
    login(cli, "home", HOME)  # the last login is the active profile
    assert used_token(cli) == HOME
    assert used_token(cli, env={"PACHCA_PROFILE": "work"}) == WORK
    assert used_token(cli, "--profile", "home", env={"PACHCA_PROFILE": "work"}) == HOME
    assert used_token(cli, "--profile", "work", env={"PACHCA_TOKEN": "env-token"}) == "env-token"
    assert used_token(cli, "--token", "flag-token", env={"PACHCA_TOKEN": "env-token"}) == (
        "flag-token"
    )
    sources = [
        cli.ok("auth", "token", "-o", "json", *args, env=env).json()["source"]
        for args, env in [
            ((), {}),
            (("--profile", "work"), {}),
            ((), {"PACHCA_TOKEN": "t"}),
            (("--token", "t"), {"PACHCA_TOKEN": "t"}),
        ]
    ]
    assert sources == [
        "profile home (config file)",
        "profile work (config file)",
        "PACHCA_TOKEN",
        "--token",
    ]
    cli.ok("auth", "switch", "work")
    assert used_token(cli) == WORK


def test_base_url_precedence(cli: Cli) -> None:
    login(cli, "work", WORK, "--base-url", "https://profile.example")

    def base_url(*args: str, env: dict[str, str] | None = None) -> str:
        line = cli.ok("--dry-run", "api", "GET", "/profile", *args, env=env).out
        return line.split()[line.split().index("GET") + 1]

    assert base_url() == "https://profile.example/profile"
    assert base_url(env={"PACHCA_BASE_URL": "https://env.example"}) == "https://env.example/profile"
    assert (
        base_url(
            "--base-url", "https://flag.example", env={"PACHCA_BASE_URL": "https://env.example"}
        )
        == "https://flag.example/profile"
    )


def test_unknown_profile_is_a_usage_error(cli: Cli) -> None:
    login(cli, "work", WORK)
    for args, env in [(("--profile", "nope"), {}), ((), {"PACHCA_PROFILE": "nope"})]:
        result = cli.run("auth", "token", *args, env=env)
        assert result.code == 2, str(result)
        assert "no profile named 'nope'" in result.err
        assert "work" in result.err


def test_not_logged_in(cli: Cli) -> None:
    result = cli.run("auth", "token")
    assert result.code == 3
    assert "auth login" in result.err
    assert cli.run("auth", "status").code == 3


def test_token_from_flag_and_empty_or_spaced_tokens(cli: Cli) -> None:
    cli.ok("auth", "login", "--no-verify", "--token", WORK)
    assert used_token(cli) == WORK
    cli.ok("auth", "login", "--no-verify", "--token", "-", input=HOME)  # '-': stdin
    assert used_token(cli) == HOME
    cli.ok("auth", "login", "--no-verify", "--with-token", input=WORK)
    assert used_token(cli) == WORK
    assert cli.run("auth", "login", "--no-verify", input="  \n").code == 2
    assert cli.run("auth", "login", "--no-verify", input="two words\n").code == 2


def test_profile_names_are_quoted_in_the_file(cli: Cli) -> None:
    name = 'we"ird \\ [name] = x'
    login(cli, name, WORK)
    data = tomllib.loads(cli.config_file.read_text())
    assert data["active"] == name
    assert data["profiles"][name]["token"] == WORK
    assert used_token(cli, "--profile", name) == WORK
    assert cli.run("auth", "login", "--no-verify", "--profile", "a\nb", input=WORK).code == 2


def test_switch_list_and_logout(cli: Cli) -> None:
    login(cli, "work", WORK)
    login(cli, "home", HOME)
    assert cli.run("auth", "switch", "nope").code == 2
    cli.ok("auth", "switch", "work")
    rows = cli.ok("auth", "list", "-o", "json").json()
    assert [(r["profile"], r["active"]) for r in rows] == [("home", False), ("work", True)]
    cli.ok("auth", "logout", "work")
    rows = cli.ok("auth", "list", "-o", "json").json()
    assert [(r["profile"], r["active"]) for r in rows] == [("home", True)]


def test_logout_keeps_a_profile_with_settings(cli: Cli) -> None:
    login(cli, "work", WORK, "--base-url", "https://work.example")
    cli.ok("auth", "logout")
    data = tomllib.loads(cli.config_file.read_text())
    assert data["profiles"]["work"] == {"base_url": "https://work.example"}
    assert cli.run("auth", "token").code == 3


def test_config_get_set_list(cli: Cli) -> None:
    cli.ok("config", "set", "base_url", "https://a.example/")
    cli.ok("config", "set", "output", "yaml", "--profile", "other")
    assert cli.ok("config", "get", "base_url", "-o", "table").out == "https://a.example\n"
    got = cli.ok("config", "get", "output", "--profile", "other", "-o", "json").json()
    assert got == {"profile": "other", "key": "output", "value": "yaml"}
    rows = cli.ok("config", "list", "-o", "json").json()
    assert rows == [
        {"profile": "default", "key": "base_url", "value": "https://a.example"},
        {"profile": "default", "key": "output", "value": None},
    ]
    assert cli.run("config", "set", "colour", "red").code == 2
    assert cli.run("config", "set", "output", "html").code == 2
    assert cli.run("config", "set", "base_url", "ftp://x").code == 2
    cli.ok("config", "unset", "base_url")
    assert cli.ok("config", "get", "base_url", "-o", "table").out == ""
    assert cli.ok("config", "path", "-o", "table").out.strip() == str(cli.config_file)


def test_a_broken_config_file_is_named(cli: Cli) -> None:
    cli.config_dir.mkdir(parents=True)
    cli.config_file.write_text("active = [oops\n")
    result = cli.run("auth", "list")
    assert result.code == 2
    assert str(cli.config_file) in result.err


def test_the_profile_output_setting_is_the_default_format(cli: Cli) -> None:
    login(cli, "work", WORK)
    cli.ok("config", "set", "output", "yaml")
    assert cli.ok("auth", "list").out.startswith("- profile: work\n")
    assert cli.ok("auth", "list", "-o", "json").out.startswith("[")
    assert cli.ok("auth", "list", "--profile", "other").out.startswith("[")  # no such setting


def test_login_checks_the_token_first(cli: Cli) -> None:
    dead = {"PACHCA_BASE_URL": "http://127.0.0.1:9"}  # nothing listens on the discard port
    result = cli.run("auth", "login", "--profile", "work", "--no-retry", input=WORK, env=dead)
    assert result.code == 1, str(result)
    assert not cli.config_file.exists()  # nothing saved for a token that was not checked
    cli.ok("auth", "login", "--profile", "work", "--no-verify", input=WORK, env=dead)
    assert used_token(cli) == WORK


def test_login_shows_who_and_the_scopes(api_cli: Cli) -> None:
    shown = api_cli.ok("auth", "login", "-o", "json", input=WORK).json()
    assert shown["user"]["first_name"] == "Oleg"  # Prism answers with the spec's examples
    assert shown["scopes"] == ["messages:read", "chats:read"]
    status = api_cli.ok("auth", "status", "-o", "table", env={"PACHCA_TOKEN": ""}).out
    assert "Logged in as: Oleg Petrov (id 12, oleg.petrov, oleg@company.com)" in status
    assert "profile default (config file)" in status


def test_shell_completion_of_profiles_operations_workflows_and_settings(cli: Cli) -> None:
    login(cli, "work", WORK)
    login(cli, "home", HOME)

    def complete(line: str) -> list[str]:
        words = line.split(" ")
        env = {
            "_PACHCA_COMPLETE": "bash_complete",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
        return [item.split(",", 1)[1] for item in cli.ok(env=env).out.split()]

    assert complete("pachca auth switch w") == ["work"]
    assert complete("pachca auth logout ") == ["home", "work"]
    assert complete("pachca api describe createM") == ["createMessage"]
    assert "send-message-to-chat" in complete("pachca guide send-m")
    assert complete("pachca config set o") == ["output"]


def test_login_on_a_terminal_asks_without_echo(cli: Cli) -> None:
    """On a terminal, with no token given, `auth login` asks for it and does not show it."""
    master, slave = pty.openpty()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PACHCA_")},
        "PACHCA_CONFIG_DIR": str(cli.config_dir),
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
    }
    process = subprocess.Popen(
        [str(cli.exe), "auth", "login", "--no-verify", "--profile", "tty"],
        stdin=slave, stdout=slave, stderr=slave, env=env,
    )  # fmt: skip
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + 60
    typed = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        if not typed and b"token:" in shown:
            os.write(master, WORK.encode() + b"\n")
            typed = True
        if process.poll() is not None and not ready:
            break
    os.close(master)
    assert process.wait(timeout=10) == 0, shown
    assert b"Paste your API token:" in shown
    assert WORK.encode() not in shown  # not echoed, and shown masked in the summary
    assert used_token(cli, "--profile", "tty") == WORK
