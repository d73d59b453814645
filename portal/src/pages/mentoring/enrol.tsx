/** Joining a programme as mentor (help areas, how many mentees) or mentee (what to develop,
 * the goal in a sentence), and a mentee's suggested mentors with reasons, to ask one. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { MentoringRole } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { commaList, useSubmit } from "../../api/useSubmit";
import { Empty, ErrorNote, Field, FormErrors, SelectField } from "../../components/ui";
import { navigate } from "../../router";

const ENROL = graphql(`
  mutation EnrolInProgramme($programmeId: ID!, $input: EnrolInput!) {
    enrolInProgramme(programmeId: $programmeId, input: $input) {
      __typename
      ... on Enrolment {
        id
      }
      ...Refusal
    }
  }
`);

const SUGGESTED = graphql(`
  query SuggestedMentors($programmeId: ID!) {
    suggestedMentors(programmeId: $programmeId, first: 5) {
      score
      reasons
      sharedSkills
      load
      capacity
      mentor {
        id
        name
        title
      }
    }
  }
`);

const ASK = graphql(`
  mutation RequestMatch($programmeId: ID!, $mentorId: ID!) {
    requestMatch(programmeId: $programmeId, mentorId: $mentorId) {
      __typename
      ... on Mentorship {
        id
      }
      ...Refusal
    }
  }
`);

export function EnrolForm({
  programmeId,
  enrolled,
}: {
  programmeId: string;
  enrolled: () => void;
}) {
  const [role, setRole] = useState<MentoringRole>("MENTEE");
  const [skills, setSkills] = useState("");
  const [capacity, setCapacity] = useState("2");
  const [goal, setGoal] = useState("");
  const submit = useSubmit();
  function send(e: Event) {
    e.preventDefault();
    const input =
      role === "MENTOR"
        ? { role, skills: commaList(skills), capacity: Number(capacity) || 0 }
        : { role, skills: commaList(skills), goal };
    void submit.run(
      async () => (await request(ENROL, { programmeId, input })).enrolInProgramme,
      "Enrolment",
      enrolled,
    );
  }
  return (
    <form class="panel stack" onSubmit={send} aria-labelledby="enrol-h">
      <h2 id="enrol-h">Enrol</h2>
      <SelectField
        label="I join as"
        name="role"
        value={role}
        onChange={(v) => setRole(v as MentoringRole)}
        options={[
          ["MENTEE", "Mentee"],
          ["MENTOR", "Mentor"],
        ]}
        errors={submit.errors}
      />
      <Field
        label={role === "MENTOR" ? "I can help with" : "I want to develop"}
        hint="Skills, separated by commas"
        name="skills"
        value={skills}
        onInput={setSkills}
        errors={submit.errors}
      />
      {role === "MENTOR" ? (
        <Field
          label="Mentees I can take"
          name="capacity"
          type="number"
          value={capacity}
          onInput={setCapacity}
          errors={submit.errors}
        />
      ) : (
        <Field
          label="My goal, in a sentence"
          name="goal"
          value={goal}
          onInput={setGoal}
          errors={submit.errors}
        />
      )}
      <FormErrors errors={submit.errors} shown={["role", "skills", "capacity", "goal"]} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy}>
          Enrol
        </button>
      </div>
    </form>
  );
}

export function SuggestedMentors({ programmeId }: { programmeId: string }) {
  const { data, error } = useQuery(SUGGESTED, { programmeId });
  const submit = useSubmit();
  const ask = (mentorId: string) =>
    submit.run(
      async () => (await request(ASK, { programmeId, mentorId })).requestMatch,
      "Mentorship",
      (m) => navigate("mentoring", m.id),
    );
  const mentors = data?.suggestedMentors ?? [];
  return (
    <section aria-labelledby="suggested-h">
      <h2 id="suggested-h">Suggested mentors</h2>
      <ErrorNote message={error} />
      <FormErrors errors={submit.errors} shown={[]} />
      {data && mentors.length === 0 && <Empty>No mentor has a free place right now.</Empty>}
      <ul class="cards" aria-label="Suggested mentors">
        {mentors.map((s) => (
          <li key={s.mentor?.id} class="card">
            <h3>{s.mentor?.name}</h3>
            <p class="meta">
              {s.mentor?.title && <span>{s.mentor.title}</span>}
              <span>
                {s.load} of {s.capacity} places taken
              </span>
            </p>
            <ul class="reasons" aria-label={`Why ${s.mentor?.name}`}>
              {s.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {s.mentor && (
              <button
                type="button"
                disabled={submit.busy}
                onClick={() => s.mentor && ask(s.mentor.id)}
              >
                Ask {s.mentor.name}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
