/** A mentorship's sessions: plan one, then per session the running agenda (before it
 * begins), notes private to you or shared with the pair, action items (open ones carry
 * forward until done) and its calendar file. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Empty, Field, FormErrors, when } from "../../components/ui";
import { fileHref } from "./labels";
import type { Mentorship } from "./mentorship";
import { SessionWork } from "./work";

const SCHEDULE = graphql(`
  mutation ScheduleSession($mentorshipId: ID!, $at: DateTime!, $durationMinutes: Int!) {
    scheduleSession(mentorshipId: $mentorshipId, at: $at, durationMinutes: $durationMinutes) {
      __typename
      ... on MentoringSession {
        id
      }
      ...Refusal
    }
  }
`);

const ICS = graphql(`
  query SessionCalendar($id: ID!) {
    mentorship(id: $id) {
      sessions {
        id
        ics
      }
    }
  }
`);

type Session = Mentorship["sessions"][number];

export function Sessions({ mentorship, changed }: { mentorship: Mentorship; changed: () => void }) {
  const open = mentorship.status === "ACTIVE";
  return (
    <section aria-labelledby="sessions-h">
      <h2 id="sessions-h">Sessions</h2>
      {mentorship.sessions.length === 0 && <Empty>No session planned yet.</Empty>}
      <ul class="cards" aria-label="Sessions">
        {mentorship.sessions.map((s) => (
          <li key={s.id} class="card" aria-label={`Session ${when(s.at)}`}>
            <h3>{when(s.at)}</h3>
            <p class="meta">
              <span>{s.durationMinutes} minutes</span>
              <span class="badge">{s.held ? "Held" : "Upcoming"}</span>
              <CalendarLink mentorshipId={mentorship.id} session={s} />
            </p>
            <SessionWork mentorship={mentorship} session={s} open={open} changed={changed} />
          </li>
        ))}
      </ul>
      {open && <ScheduleSession mentorshipId={mentorship.id} scheduled={changed} />}
    </section>
  );
}

/** Fetched on demand: the calendar file is only read when someone wants it. */
function CalendarLink({ mentorshipId, session }: { mentorshipId: string; session: Session }) {
  const [ics, setIcs] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  if (ics) {
    return (
      <a href={fileHref(ics, "text/calendar")} download={`session-${session.id}.ics`}>
        Download the .ics file
      </a>
    );
  }
  async function load() {
    try {
      const found = (await request(ICS, { id: mentorshipId })).mentorship;
      setIcs(found?.sessions.find((s) => s.id === session.id)?.ics ?? null);
    } catch (e) {
      setFailed((e as Error).message);
    }
  }
  return (
    <button type="button" class="link" onClick={() => void load()}>
      {failed ?? "Add to my calendar"}
    </button>
  );
}

function ScheduleSession(props: { mentorshipId: string; scheduled: () => void }) {
  const [at, setAt] = useState("");
  const [minutes, setMinutes] = useState("45");
  const submit = useSubmit();
  function send(e: Event) {
    e.preventDefault();
    if (!at) return submit.setErrors({ at: "Pick a date and time" });
    const vars = {
      mentorshipId: props.mentorshipId,
      at: new Date(at).toISOString(),
      durationMinutes: Number(minutes) || 0,
    };
    void submit.run(
      async () => (await request(SCHEDULE, vars)).scheduleSession,
      "MentoringSession",
      () => {
        setAt("");
        props.scheduled();
      },
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="schedule-h">
      <h3 id="schedule-h">Plan a session</h3>
      <div class="row">
        <Field
          label="When"
          name="at"
          type="datetime-local"
          value={at}
          onInput={setAt}
          errors={submit.errors}
        />
        <Field
          label="Minutes"
          name="durationMinutes"
          type="number"
          value={minutes}
          onInput={setMinutes}
          errors={submit.errors}
        />
      </div>
      <FormErrors errors={submit.errors} shown={["at", "durationMinutes"]} />
      <div class="actions">
        <button type="submit" disabled={submit.busy}>
          Plan session
        </button>
      </div>
    </form>
  );
}
