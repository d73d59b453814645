/** Development sign-in: pick one of the demo people (only when the server allows it). */
import { useEffect, useState } from "preact/hooks";
import { devPeople, devSignIn, type DevPerson } from "../api/session";
import { ErrorNote, Loading, PageTitle } from "../components/ui";

export function SignIn() {
  const [people, setPeople] = useState<DevPerson[] | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    devPeople()
      .then(setPeople)
      .catch((e: Error) => setError(e.message));
  }, []);

  async function signIn(email: string) {
    setBusy(email);
    setError(null);
    try {
      await devSignIn(email);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  }

  return (
    <main class="signin" id="main">
      <PageTitle>Sign in to Kaizen</PageTitle>
      <ErrorNote message={error} />
      {people === undefined && !error && <Loading what="the demo people" />}
      {people === null && (
        <p>Development sign-in is off on this server. Sign in through your organisation.</p>
      )}
      {people && (
        <>
          <p>Development sign-in: choose a demo person to continue as them.</p>
          <ul class="people">
            {people.map((p) => (
              <li key={p.email}>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => signIn(p.email)}
                  aria-label={`Sign in as ${p.name}`}
                >
                  <strong>{p.name}</strong>
                  <span>
                    {p.title}
                    {p.team ? ` · ${p.team}` : ""}
                  </span>
                  <span class="roles">{p.roles.join(", ")}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
