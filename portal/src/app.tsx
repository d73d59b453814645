/** The shell: sign-in gate, navigation and the page for the current route. */
import { useEffect, useState } from "preact/hooks";
import { currentPhase, onPhaseChange, signOut } from "./api/oidc";
import { currentSession, hasRole, onSessionChange } from "./api/session";
import { href, useRoute } from "./router";
import { Bell } from "./components/bell";
import { SignIn } from "./pages/signin";
import { ADMIN_SECTIONS, pageFor, SECTIONS } from "./routes";

/** Subscribes `read` to `subscribe` and reads once now; returns the unsubscribe. */
function follow(subscribe: (listener: () => void) => () => void, read: () => void) {
  const stop = subscribe(read);
  read();
  return stop;
}

export function App() {
  const [session, setSession] = useState(currentSession);
  const [phase, setPhase] = useState(currentPhase);
  const route = useRoute();
  // Effects run after the first paint: whatever changed before they subscribed is read
  // again here, or a sign-in that settled in between would leave the page loading.
  useEffect(() => follow(onSessionChange, () => setSession(currentSession())), []);
  useEffect(() => follow(onPhaseChange, () => setPhase(currentPhase())), []);
  if (!session) return <SignIn phase={phase} />;
  const section = route[0] ?? "ideas";
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href("ideas")}>
          Kaizen
        </a>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map(([key, label]) => (
              <li key={key}>
                <a href={href(key)} aria-current={section === key ? "page" : undefined}>
                  {label}
                </a>
              </li>
            ))}
            {hasRole("admin") &&
              ADMIN_SECTIONS.map(([parts, label]) => (
                <li key={parts.join("/")}>
                  <a
                    href={href(...parts)}
                    aria-current={route.join("/") === parts.join("/") ? "page" : undefined}
                  >
                    {label}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="who">
          <Bell current={section === "notifications"} />
          <span>{session.person.name}</span>
          <button type="button" class="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} key={route.join("/")}>
        {pageFor(route)}
      </main>
    </>
  );
}
