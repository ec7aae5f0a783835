"""Method names for operations whose operationId only spells their method and path.

Stripe's ``GetAccountsAccountPeoplePerson`` (``GET /v1/accounts/{account}/people/{person}``)
says nothing its path does not, and neither does the id dxgen derives for an operation
without one; kept, they made ``client.accounts.get_accounts_account_people_person``. Such an
operation (in a document whose ids are all made so: :func:`ids_spell_paths`) is named
instead by what the shape of its path says it does, as hand-written SDKs name them:

* on one item (the path ends in a parameter): ``retrieve``, ``update``, ``delete``;
* on a collection (a path that a parameter may follow, or a plural noun): ``list``,
  ``create``;
* on a sub-resource read and written (or removed) at one path
  (``/charges/{charge}/dispute``): ``retrieve_dispute``, ``update_dispute``;
* otherwise the last segment is an action, named by its own words (``capture``, ``search``).

The noun of the resource acted on follows the verb unless it is the service's own
(``client.accounts.retrieve``, ``client.charges.retrieve_refund``). Where two operations of a
service would share a name, each tries a longer one (the noun as the path spells it, then the
noun of the resource before it: ``fail_inbound_transfer``), and keeps its spelled-out name
when none is free. A name Python or the SDK reserves is never taken with an underscore added;
``list`` is taken (``client.accounts.list()``), and its module says ``builtins.list``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .. import naming
from ..ir import Operation, evolve
from .nouns import noun_forms, singular
from .paths import VERSION_PREFIX

#: Words that begin an action's name rather than a noun's (``remove_lines``, ``add_lines``):
#: such a last segment is not a collection however plural its last word.
ACTION_WORDS = frozenset(
    {
        "accept", "activate", "add", "advance", "apply", "approve", "attach", "cancel",
        "capture", "close", "collect", "complete", "confirm", "create", "deactivate", "decline",
        "delete", "deliver", "detach", "expire", "fail", "finalize", "fund", "increment",
        "mark", "pay", "post", "present", "preview", "process", "publish", "reconcile",
        "refund", "reject", "remove", "reopen", "respond", "resume", "retrieve", "return",
        "reverse", "run", "search", "send", "set", "ship", "submit", "succeed", "test",
        "timeout", "update", "verify", "void",
    }
)  # fmt: skip
_ITEM_VERBS = {"GET": "retrieve", "DELETE": "delete", "POST": "update", "PUT": "update"}
_ITEM_VERBS["PATCH"] = "update"
_COLLECTION_VERBS = {"GET": "list", "POST": "create", "DELETE": "delete", "PUT": "replace"}
#: Builtins a method may be named, though no other name may (``client.accounts.list()``, as
#: openai-python's and stripe-python's are): the service module spells the builtin
#: ``builtins.list`` where it needs it (``Service.shadows``).
METHOD_BUILTINS = frozenset({"list"})
_IRREGULAR = {"people": "person", "children": "child", "data": "data", "media": "media"}


#: The share of a document's operationIds that must spell their paths for all such ids to
#: be taken as made by a tool, not chosen by the author.
SPELLED_SHARE = 0.8


def ids_spell_paths(operations: Iterable[Operation]) -> bool:
    """Whether the document's operationIds are its paths spelled out by a tool (Stripe's):
    most spell their paths, and some spell a path's parameters too. An author who named
    ``GET /profile`` ``getProfile`` chose that name, and keeps it."""
    own = [op for op in operations if not op.derived_id]
    spelled = [op for op in own if spells_path(op)]
    with_parameters = any("{" in op.path for op in spelled)
    return bool(own) and with_parameters and len(spelled) >= SPELLED_SHARE * len(own)


def spells_path(op: Operation) -> bool:
    """Whether the operation's id says no more than its method and path."""
    wanted = _letters(op.id)
    segments = [s.strip("{}") for s in op.path.split("/") if s]
    resource = [s.strip("{}") for s in resource_segments(op.path)]
    return wanted in {
        _letters(op.method + "".join(segments)),
        _letters(op.method + "".join(resource)),
    }


def resource_segments(path: str) -> list[str]:
    """The path's segments past its leading version and API prefixes (``/v1/…``, ``/api/…``)."""
    segments = [s for s in path.split("/") if s]
    while segments and VERSION_PREFIX.fullmatch(segments[0]):
        segments.pop(0)
    return segments


def collection_paths(paths: Iterable[str]) -> frozenset[str]:
    """The paths (their parameters unnamed) that a parameter follows in some other path:
    ``/v1/accounts/{}/people`` when ``/v1/accounts/{account}/people/{person}`` is a path."""
    found: set[str] = set()
    for path in paths:
        head, _, last = _shape(path).rpartition("/")
        if last == "{}" and head:
            found.add(head)
    return frozenset(found)


def rest_names(
    service: str,
    operations: Sequence[Operation],
    collections: frozenset[str],
    reserved: frozenset[str],
    *,
    spelled_ids: bool,
) -> list[Operation]:
    """``operations`` (one service's, in order), renamed where dxgen made their ids, or with
    ``spelled_ids`` (:func:`ids_spell_paths`) where their ids spell their paths; no name is
    one of ``reserved`` (the service class's own members)."""
    own = noun_forms(naming.words(service))
    methods: dict[str, set[str]] = {}
    for op in operations:
        methods.setdefault(_shape(op.path), set()).add(op.method)
    candidates = {
        op.id: _candidates(op, own, collections, methods[_shape(op.path)], reserved)
        for op in operations
        if op.derived_id or (spelled_ids and spells_path(op))
    }
    if not candidates:
        return list(operations)
    # no new name may be one an operation has now: the ones left unrenamed keep theirs
    spoken_for = {op.names.py for op in operations}
    chosen: dict[str, str] = {}
    pending = [op.id for op in operations if op.id in candidates]
    for level in range(max(len(c) for c in candidates.values())):
        proposals = {
            op_id: candidates[op_id][level] for op_id in pending if level < len(candidates[op_id])
        }
        wanted = [*proposals.values(), *chosen.values()]
        for op_id, name in proposals.items():
            if wanted.count(name) == 1 and name not in spoken_for:
                chosen[op_id] = name
        pending = [op_id for op_id in pending if op_id not in chosen]
    return [
        (
            evolve(op, names=evolve(op.names, py=new, anchor=naming.anchor(new)))
            if (new := chosen.get(op.id)) and new != op.names.py
            else op
        )
        for op in operations
    ]


def _candidates(
    op: Operation,
    own: list[tuple[str, ...]],
    collections: frozenset[str],
    methods: set[str],
    reserved: frozenset[str],
) -> list[str]:
    """The names ``op`` may take, the shortest first; none usable as they are are left out."""
    segments = resource_segments(op.path)
    literals = [i for i, s in enumerate(segments) if not _is_parameter(s)]
    if not literals:
        return []
    last = literals[-1]
    noun = naming.words(segments[last])
    if not noun:
        return []
    is_own = last == literals[0] and tuple(noun) in own
    # the resource before it: the nearest other literal, the service's own the last resort
    before = [naming.words(segments[i]) for i in reversed(literals[:-1])]
    context = [words for words in before if tuple(words) not in own][:1] or before[:1]
    method = op.method
    if _is_parameter(segments[-1]):  # one item
        verb = _ITEM_VERBS.get(method, method.lower())
        forms = [[], _singular(noun), noun] if is_own else [_singular(noun), noun]
    elif is_own:  # the service's own resource: a collection, or one of a kind (`/v1/balance`)
        many = _shape(op.path) in collections or _is_plural(noun)
        verb = (_COLLECTION_VERBS if many else _ITEM_VERBS).get(method, method.lower())
        forms = [[], noun if verb != "create" else _singular(noun)]
    elif _shape(op.path) in collections or (_is_plural(noun) and noun[0] not in ACTION_WORDS):
        verb = _COLLECTION_VERBS.get(method, method.lower())
        forms = [_singular(noun) if verb == "create" else noun, noun]
    elif noun[0] not in ACTION_WORDS and "GET" in methods and len(methods) > 1:
        verb = _ITEM_VERBS.get(method, method.lower())  # read, and written or removed: a thing
        forms = [noun]
    elif method in ("GET", "POST"):  # an action, named by its own words
        verb, forms = "", [noun]
    else:
        verb = _ITEM_VERBS.get(method, method.lower())
        forms = [noun]
    names = [[verb, *form] for form in forms]
    names += [[*name, *_singular(context[0])] for name in names[-1:] if context]
    result: list[str] = []
    for words in names:
        joined = "_".join(w for w in words if w)
        if joined in METHOD_BUILTINS and joined not in reserved:
            name = joined
        else:
            name = naming.py_identifier(joined, fallback="", reserved=reserved)
        if name and name == joined and name not in result:
            result.append(name)
    return result


def _singular(words: list[str]) -> list[str]:
    *head, last = words
    return [*head, _IRREGULAR.get(last) or singular(last)]


def _is_plural(words: list[str]) -> bool:
    last = words[-1]
    if last in _IRREGULAR:
        return _IRREGULAR[last] != last
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 2


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _shape(path: str) -> str:
    """The path with its parameters unnamed: ``/a/{id}`` and ``/a/{key}`` are one shape."""
    return _PARAMETER.sub("{}", path.rstrip("/"))


_PARAMETER = re.compile(r"\{[^{}]*\}")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())
