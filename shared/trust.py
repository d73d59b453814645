"""Who may sign a service token that a service accepts, and for which of its methods.

The gateway (a person's request) and the operators' tools (`admin`: kaizen-admin, the seeds,
the insights command line) may address every service. A service that calls another on a
person's behalf signs with a key of its own, which the target accepts only for the methods
listed here: insights may read career's profiles, never a reflection. A new call between
services is a new line here (tests/unit/shared/test_trust.py holds the table to the
services' RpcProxy dependencies).
"""
from __future__ import annotations

EVERYWHERE = ("gateway", "admin")

# target -> calling service -> the target's methods it may call for a person
CALLERS: dict[str, dict[str, frozenset[str]]] = {
    "career": {
        "experiments": frozenset({"get_people"}),
        "growth": frozenset({"get_people", "list_people"}),
        "insights": frozenset({"skill_gaps", "my_applications", "get_profiles", "find_mentors"}),
        "reflections": frozenset({"get_opportunities"}),
    },
    "ideas": {
        "experiments": frozenset({"get_ideas"}),
        "growth": frozenset({"get_ideas", "submit_idea"}),
        "reflections": frozenset({"get_ideas", "submit_idea"}),
    },
    "experiments": {
        "growth": frozenset({"get_experiments"}),
        "reflections": frozenset({"get_experiments"}),
    },
    "insights": {"career": frozenset({"text_similarities"})},
    "reflections": {"career": frozenset({"write_reflection"})},
}

# every key owner: the two that reach everything, then each service that calls another
SIGNERS = EVERYWHERE + tuple(sorted({c for callers in CALLERS.values() for c in callers}))


def may_call(signer: str, target: str, method: str | None) -> bool:
    """Whether a token signed by `signer` may call `target`.`method`."""
    if signer in EVERYWHERE:
        return True
    return method is not None and method in CALLERS.get(target, {}).get(signer, frozenset())
