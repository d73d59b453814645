/** The coordinator's view of a programme's pairs: quiet ones (21 days without a session,
 * note or goal update) first, milestones, goal titles and progress (never tasks or notes);
 * who is enrolled, and pairing a mentor with a mentee by hand. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { MentoringProgrammePageQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { Empty, FormErrors, SelectField, day } from "../../components/ui";
import { MILESTONE_LABELS, STATUS_LABELS } from "./labels";

type Programme = NonNullable<MentoringProgrammePageQuery["mentoringProgramme"]>;

const SET_MATCH = graphql(`
  mutation SetMatch($programmeId: ID!, $mentorId: ID!, $menteeId: ID!) {
    setMatch(programmeId: $programmeId, mentorId: $mentorId, menteeId: $menteeId) {
      __typename
      ... on Mentorship {
        id
      }
      ...Refusal
    }
  }
`);

interface Props {
  programmeId: string;
  mentorships: NonNullable<Programme["mentorships"]>;
  enrolments: NonNullable<Programme["enrolments"]>;
  changed: () => void;
}

export function Pairs({ programmeId, mentorships, enrolments, changed }: Props) {
  const pairs = [...mentorships].sort((a, b) => Number(b.stuck) - Number(a.stuck));
  const stuck = pairs.filter((m) => m.stuck).length;
  return (
    <section aria-labelledby="pairs-h">
      <h2 id="pairs-h">Pairs</h2>
      <p class="muted">
        {pairs.length} matches; {stuck} quiet for 21 days or more.
      </p>
      {pairs.length === 0 && <Empty>Nobody is matched yet.</Empty>}
      <ul class="cards" aria-label="Pairs">
        {pairs.map((m) => {
          const reached = m.milestones.filter((x) => x.reachedAt).pop();
          return (
            <li key={m.id} class="card">
              <h3>
                {m.mentor?.name} → {m.mentee?.name}
              </h3>
              <p class="meta">
                <span class="badge">{STATUS_LABELS[m.status]}</span>
                {m.stuck && <span class="badge status-declined">Stuck</span>}
                {reached && <span>{MILESTONE_LABELS[reached.name]}</span>}
                <span>last activity {day(m.lastActivityAt)}</span>
              </p>
              {m.goals.length > 0 && (
                <ul class="plain" aria-label={`Goals of ${m.mentee?.name}`}>
                  {m.goals.map((g) => (
                    <li key={g.id}>
                      {g.title} <span class="muted">{g.progress} %</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <SetMatch programmeId={programmeId} enrolments={enrolments} matched={changed} />
    </section>
  );
}

function SetMatch(props: {
  programmeId: string;
  enrolments: Props["enrolments"];
  matched: () => void;
}) {
  const people = (role: string) =>
    props.enrolments
      .filter((e) => e.role === role && e.person)
      .map((e) => [e.person?.id ?? "", e.person?.name ?? ""] as [string, string]);
  const mentors = people("MENTOR");
  const mentees = people("MENTEE");
  const [mentorId, setMentor] = useState(mentors[0]?.[0] ?? "");
  const [menteeId, setMentee] = useState(mentees[0]?.[0] ?? "");
  const submit = useSubmit();
  if (!mentors.length || !mentees.length) return null;
  function send(e: Event) {
    e.preventDefault();
    void submit.run(
      async () =>
        (await request(SET_MATCH, { programmeId: props.programmeId, mentorId, menteeId })).setMatch,
      "Mentorship",
      props.matched,
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="pair-h">
      <h3 id="pair-h">Pair two people</h3>
      <div class="row">
        <SelectField
          label="Mentor"
          name="mentorId"
          value={mentorId}
          onChange={setMentor}
          options={mentors}
        />
        <SelectField
          label="Mentee"
          name="menteeId"
          value={menteeId}
          onChange={setMentee}
          options={mentees}
        />
      </div>
      <FormErrors errors={submit.errors} shown={[]} />
      <div class="actions">
        <button type="submit" disabled={submit.busy}>
          Pair them
        </button>
      </div>
    </form>
  );
}
