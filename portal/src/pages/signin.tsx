/** Signing in: through the organisation's provider, or (KAIZEN_DEV_LOGIN=1) as a demo
 * person; says why when a sign-in was refused or has expired. */
import { useEffect, useState } from "preact/hooks";
import { authConfig, signInWithProvider, type Phase } from "../api/oidc";
import { devPeople, devSignIn, type DevPerson } from "../api/session";
import { ErrorNote, Loading, PageTitle } from "../components/ui";

function Why({ phase }: { phase: Phase }) {
  if (phase.kind !== "signed-out") return null;
  if (phase.why === "signed-out") return <p role="status">You have signed out.</p>;
  if (phase.why === "expired")
    return <p role="alert">Your sign-in has expired: please sign in again.</p>;
  if (phase.why === "refused")
    return (
      <div role="alert" class="refused">
        <h2>Sign-in refused</h2>
        <p>{phase.message}</p>
      </div>
    );
  return null;
}

export function SignIn({ phase }: { phase: Phase }) {
  if (phase.kind !== "signed-out") {
    return (
      <main class="signin" id="main">
        <Loading what="your sign-in" />
      </main>
    );
  }
  const { oidc, devLogin } = authConfig();
  return (
    <main class="signin" id="main">
      <PageTitle>Sign in to Kaizen</PageTitle>
      <Why phase={phase} />
      {devLogin && <DevSignIn />}
      {oidc && (
        <p>
          <button type="button" class="primary" onClick={() => void signInWithProvider()}>
            Sign in through your organisation
          </button>
        </p>
      )}
      {!oidc && !devLogin && <p>Sign-in is not set up on this server: ask an administrator.</p>}
    </main>
  );
}

function DevSignIn() {
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
    <>
      <ErrorNote message={error} />
      {people === undefined && !error && <Loading what="the demo people" />}
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
    </>
  );
}
