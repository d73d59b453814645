"""The table of which service may call which (shared.trust) is the services' own RpcProxy
dependencies, each of them the proxy that signs onward tokens (shared.rpc)."""
from __future__ import annotations

import pytest
from nameko import rpc as nameko_rpc
from nameko.cli.run import import_service

from shared import rpc, trust
from shared.settings import SERVICES


def proxies(service: str) -> dict[str, nameko_rpc.RpcProxy]:
    [service_cls] = import_service(f"services.{service}.service")
    return {name: value for name in dir(service_cls)
            if isinstance(value := getattr(service_cls, name), nameko_rpc.RpcProxy)}


@pytest.mark.parametrize("service", SERVICES)
def test_every_rpc_proxy_signs_its_own_token_and_is_in_the_table(service):
    for name, proxy in proxies(service).items():
        assert type(proxy) is rpc.RpcProxy, f"{service}.{name}: use shared.rpc.RpcProxy"
        assert trust.CALLERS.get(proxy.target_service, {}).get(service), (
            f"{service}.{name}: add {service} -> {proxy.target_service} to shared/trust.py")


def test_the_table_names_only_calls_a_service_makes_and_methods_that_exist():
    for target, callers in trust.CALLERS.items():
        [target_cls] = import_service(f"services.{target}.service")
        for caller, methods in callers.items():
            assert target in {p.target_service for p in proxies(caller).values()}, (
                f"{caller} has no RpcProxy to {target}")
            for method in methods:
                assert callable(getattr(target_cls, method, None)), f"{target}.{method}"


def test_only_the_gateway_and_the_operators_reach_everything():
    assert trust.may_call("gateway", "reflections", "get_reflections")
    assert trust.may_call("admin", "career", "import_people_csv")
    assert not trust.may_call("insights", "reflections", "get_reflections")
    assert not trust.may_call("career", "reflections", "get_reflections")
    assert trust.may_call("career", "reflections", "write_reflection")
    assert not trust.may_call("notifications", "ideas", "get_ideas")
