"""Per-request context: the caller, the RPC client and this request's DataLoaders."""
from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.dataloader import DataLoader

from gateway.errors import PublicError, public_error
from gateway.rpc import RpcClient
from shared.errors import DomainError
from shared.identity import Identity


@dataclass
class Context:
    rpc: RpcClient
    identity: Identity | None
    request: object = None
    response: object = None
    loaders: dict[str, DataLoader] = field(default_factory=dict)

    def require_identity(self) -> Identity:
        if self.identity is None:
            raise PublicError("sign in first: send 'Authorization: Bearer <token>'",
                              "UNAUTHENTICATED")
        return self.identity

    async def query(self, service: str, method: str, *args, **kwargs):
        """A read as the caller: domain errors become public GraphQL errors."""
        try:
            return await self.rpc.call(service, method, *args, identity=self.require_identity(),
                                       idempotent=True, **kwargs)
        except (DomainError, Exception) as exc:
            raise public_error(exc) from exc

    async def command(self, service: str, method: str, *args, **kwargs):
        """A change as the caller; domain errors propagate for the mutation's union."""
        return await self.rpc.call(service, method, *args, identity=self.identity, **kwargs)

    def loader(self, name: str, service: str, method: str) -> DataLoader:
        """One batching loader per request and per (service, method)."""
        if name not in self.loaders:
            async def load(keys: list[str]):
                return await self.query(service, method, list(keys))
            self.loaders[name] = DataLoader(load_fn=load)
        return self.loaders[name]
