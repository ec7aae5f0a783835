"""The API's command groups: name -> (module, one-line help). Generated; do not edit.

The root group reads only this; a service's module is imported when its group is used.
"""

SERVICES: dict[str, tuple[str, str]] = {
    "messages": (
        "messages",
        "Post messages to chats, threads and direct conversations, read chat history, edit, delete and pin m…",
    ),
    "chats": (
        "chats",
        "Create group chats and channels, list and inspect them, rename them and move them in and out of the…",
    ),
    "members": (
        "members",
        "Control who takes part in a chat — individual users, whole group tags, member roles — and leave cha…",
    ),
    "users": (
        "users",
        "The company's employee directory — add, look up, edit and remove employees and manage their statuse…",
    ),
    "group-tags": (
        "group_tags",
        "Named groups of employees that can be managed centrally and added to chats all at once.",
    ),
    "reactions": ("reactions", "Emoji reactions that users put on messages."),
    "threads": (
        "threads",
        "Comment threads that hang off a message (or stand alone) and have their own chat.",
    ),
    "tasks": (
        "tasks",
        "Reminders, calls, meetings and other tasks with due dates and assignees, optionally bound to a chat.",
    ),
    "search": (
        "search",
        "Full-text search across messages, employees and chats, with filters and relevance sorting.",
    ),
    "files": (
        "files",
        "Two-step upload of files to object storage so they can be attached to messages.",
    ),
    "webhooks": (
        "webhooks",
        "A bot's stored event history, for polling events instead of receiving them on a webhook URL.",
    ),
    "views": ("views", "Interactive modal forms that a bot shows to a user after a button click."),
    "bots": (
        "bots",
        "Bots the caller manages — create them, change their names and webhooks, replace their tokens, delet…",
    ),
    "security": (
        "security",
        "The workspace audit log of security-relevant actions (Corporation plan only).",
    ),
    "profile": (
        "profile",
        "The profile, status and access token of the user or bot making the request.",
    ),
}
