/** The signed-in person and their bearer token.
 *
 * Signed in through the organisation's provider, the token lives only in this module's
 * memory: no other script can read it from storage, and a reload asks the provider again
 * (docs/identity.md). A development token (KAIZEN_DEV_LOGIN=1) is kept in sessionStorage,
 * gone when the tab closes. */
export interface DevPerson {
  name: string;
  email: string;
  team: string | null;
  roles: string[];
  title: string;
}

export type SessionPerson = DevPerson & { id: string };

export interface Session {
  token: string;
  person: SessionPerson;
  via: "dev" | "oidc";
}

const KEY = "kaizen.session";
const listeners = new Set<() => void>();
let inMemory: Session | null = null;

export function currentSession(): Session | null {
  if (inMemory) return inMemory;
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return { ...(JSON.parse(raw) as Session), via: "dev" };
  } catch {
    return null;
  }
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  listeners.forEach((listener) => listener());
}

/** Signed in (or renewed) through the provider: kept in memory only. */
export function holdSession(session: Session | null): void {
  inMemory = session;
  changed();
}

/** Forgets the session here; signing out of the provider is api/oidc.ts's signOut. */
export function forgetSession(): void {
  inMemory = null;
  sessionStorage.removeItem(KEY);
  changed();
}

export function hasRole(role: string): boolean {
  const roles = currentSession()?.person.roles ?? [];
  return roles.includes(role) || roles.includes("admin");
}

/** null when dev sign-in is off on this server (the endpoint answers 404). */
export async function devPeople(): Promise<DevPerson[] | null> {
  const response = await fetch("/auth/dev-people");
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`could not list the demo people (${response.status})`);
  return (await response.json()) as DevPerson[];
}

export async function devSignIn(email: string): Promise<void> {
  const response = await fetch("/auth/dev-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `sign-in failed (${response.status})`);
  sessionStorage.setItem(KEY, JSON.stringify({ token: body.token, person: body.person }));
  changed();
}
