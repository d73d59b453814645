/** Signing in through the organisation's OpenID provider: Authorization Code with PKCE by
 * oidc-client-ts (state and nonce checked by it), silent renewal in a hidden frame before the
 * token expires, RP-initiated sign-out. The provider comes from the gateway's /auth/config. */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { currentSession, forgetSession, holdSession, type SessionPerson } from "./session";

export interface ProviderConfig {
  issuer: string;
  clientId: string;
  scope: string;
  token: "id_token" | "access_token";
}

export interface AuthConfig {
  oidc: ProviderConfig | null;
  devLogin: boolean;
}

export type Phase =
  | { kind: "checking" }
  | { kind: "signed-in" }
  | { kind: "signed-out"; why: "new" | "signed-out" | "expired" | "refused"; message?: string };

// A marker (no token) that the provider may still know this tab's person: on a reload the
// portal asks it silently instead of showing the sign-in page.
const MARK = "kaizen.oidc";
// Set while the provider signs this tab out: back home, the portal says so (a provider need
// not send a state back).
const LEAVING = "kaizen.signing-out";
const ME = `query SignedIn { me { id name email title team roles } }`;

let config: AuthConfig = { oidc: null, devLogin: false };
let manager: UserManager | null = null;
let phase: Phase = { kind: "checking" };
const listeners = new Set<() => void>();

export const authConfig = (): AuthConfig => config;
export const currentPhase = (): Phase => phase;

export function onPhaseChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function enter(next: Phase): void {
  phase = next;
  listeners.forEach((listener) => listener());
}

function managerFor(provider: ProviderConfig): UserManager {
  const home = `${location.origin}/`;
  const made = new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: home,
    silent_redirect_uri: home,
    post_logout_redirect_uri: home,
    response_type: "code",
    scope: provider.scope,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 120,
  });
  made.events.addUserLoaded((user) => {
    // a silent renewal; the first sign-in is adopted by its callback
    if (phase.kind === "signed-in") void adopt(user).catch(() => expired());
  });
  made.events.addAccessTokenExpired(() => expired());
  return made;
}

async function whoIs(token: string): Promise<SessionPerson> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: ME }),
  });
  const body = await response.json().catch(() => ({}));
  const message = body.errors?.[0]?.message;
  if (!response.ok || !body.data?.me)
    throw new Error(message ?? `the server answered ${response.status}`);
  return body.data.me as SessionPerson;
}

async function adopt(user: User): Promise<void> {
  const token = config.oidc?.token === "access_token" ? user.access_token : user.id_token;
  if (!token) throw new Error("the provider sent no token");
  const person = await whoIs(token);
  sessionStorage.setItem(MARK, "1");
  holdSession({ token, person, via: "oidc" });
  enter({ kind: "signed-in" });
}

function cleanUrl(hash: unknown): void {
  history.replaceState(null, "", `/${typeof hash === "string" ? hash : location.hash}`);
}

/** Reads the configuration and any answer of the provider in the URL, then settles. */
export async function startAuth(): Promise<void> {
  const response = await fetch("/auth/config");
  if (response.ok) config = (await response.json()) as AuthConfig;
  if (currentSession()) return enter({ kind: "signed-in" });
  if (!config.oidc) return enter({ kind: "signed-out", why: "new" });
  manager = managerFor(config.oidc);
  const params = new URLSearchParams(location.search);
  if (params.has("state") && (params.has("code") || params.has("error"))) return callback(manager);
  if (sessionStorage.getItem(LEAVING)) return signedOutCallback(manager);
  if (sessionStorage.getItem(MARK)) {
    const user = await manager.signinSilent().catch(() => null);
    if (user) return adopt(user).catch((e: Error) => refused(e.message));
  }
  if (!config.devLogin) return signInWithProvider();
  enter({ kind: "signed-out", why: "new" });
}

async function callback(made: UserManager): Promise<void> {
  if (window.parent !== window) {
    await made.signinCallback(); // the hidden frame of a silent renewal: the parent takes it
    return;
  }
  try {
    const user = await made.signinCallback();
    cleanUrl(user?.state);
    if (!user) throw new Error("the provider sent no answer");
    await adopt(user);
  } catch (e) {
    cleanUrl("");
    await made.removeUser();
    refused((e as Error).message);
  }
}

async function signedOutCallback(made: UserManager): Promise<void> {
  sessionStorage.removeItem(LEAVING);
  if (location.search) await made.signoutCallback().catch(() => undefined);
  cleanUrl("");
  enter({ kind: "signed-out", why: "signed-out" });
}

function refused(message: string): void {
  sessionStorage.removeItem(MARK);
  forgetSession();
  enter({ kind: "signed-out", why: "refused", message });
}

/** The token was refused or ran out: sign in again. */
export function expired(): void {
  forgetSession();
  enter({ kind: "signed-out", why: "expired" });
}

export async function signInWithProvider(): Promise<void> {
  enter({ kind: "checking" });
  await manager?.signinRedirect({ state: location.hash });
}

export async function signOut(): Promise<void> {
  const via = currentSession()?.via;
  forgetSession();
  if (via !== "oidc" || !manager) return enter({ kind: "signed-out", why: "signed-out" });
  sessionStorage.removeItem(MARK);
  const user = await manager.getUser();
  await manager.removeUser();
  try {
    enter({ kind: "checking" });
    sessionStorage.setItem(LEAVING, "1");
    await manager.signoutRedirect({ id_token_hint: user?.id_token });
  } catch {
    sessionStorage.removeItem(LEAVING);
    enter({ kind: "signed-out", why: "signed-out" }); // the provider offers no sign-out
  }
}
