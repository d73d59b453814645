/** Live updates: one graphql-transport-ws connection per tab (graphql-ws), opened on the
 * first subscription and closed when the last one ends or the person signs out. The token
 * travels in connection_init, as the gateway expects; a new token reconnects. */
import { createClient, type Client } from "graphql-ws";
import { useEffect, useRef } from "preact/hooks";
import type { TypedDocumentString } from "../../generated/graphql";
import { currentSession, onSessionChange } from "./session";

let client: Client | null = null;
let clientToken: string | null = null;

function socketUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
}

function liveClient(token: string): Client {
  if (client && clientToken === token) return client;
  client?.dispose();
  clientToken = token;
  client = createClient({
    url: socketUrl(),
    lazy: true,
    connectionParams: () => ({ authorization: `Bearer ${currentSession()?.token ?? token}` }),
    retryAttempts: 8,
    shouldRetry: () => currentSession() !== null,
  });
  return client;
}

onSessionChange(() => {
  if (currentSession()?.token !== clientToken) {
    client?.dispose();
    client = null;
    clientToken = null;
  }
});

/** Calls `onNext` with each event of `document` while the component is mounted (and the
 * person signed in); the subscription follows changes of `variables`. */
export function useSubscription<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  onNext: (data: R) => void,
): void {
  const handler = useRef(onNext);
  handler.current = onNext;
  const key = JSON.stringify(variables);
  useEffect(() => {
    const token = currentSession()?.token;
    if (!token) return;
    return liveClient(token).subscribe<R>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (message) => message.data && handler.current(message.data as R),
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }, [document, key]);
}
