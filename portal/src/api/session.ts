/** The signed-in person: a dev token kept in sessionStorage, gone when the tab closes. */
export interface DevPerson {
  name: string;
  email: string;
  team: string | null;
  roles: string[];
  title: string;
}

interface Session {
  token: string;
  person: DevPerson & { id: string };
}

const KEY = "kaizen.session";
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
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

export function signOut(): void {
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
