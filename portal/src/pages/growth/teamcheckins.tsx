/** A week's check-ins of a team, week by week, where a manager of the person reacts with an
 * emoji, comments, and can put the check-in on their next one-on-one's agenda. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { TeamCheckInsQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import {
  day,
  Empty,
  ErrorNote,
  Field,
  FormErrors,
  Loading,
  SelectField,
} from "../../components/ui";
import { CheckInBody, Mood } from "./checkinview";

const CHECK_INS = graphql(`
  query TeamCheckIns($team: String!, $weekOf: Date) {
    teamCheckIns(teamId: $team, weekOf: $weekOf) {
      id
      weekOf
      mood
      person {
        id
        name
      }
      ...CheckInShown
    }
  }
`);

const REACT = graphql(`
  mutation ReactToCheckIn(
    $checkInId: ID!
    $emoji: String
    $comment: String
    $addToOneOnOne: Boolean!
  ) {
    reactToCheckIn(
      checkInId: $checkInId
      emoji: $emoji
      comment: $comment
      addToOneOnOne: $addToOneOnOne
    ) {
      __typename
      ... on CheckIn {
        id
      }
      ...Refusal
    }
  }
`);

const EMOJIS: [string, string][] = [
  ["", "No emoji"],
  ["👏", "👏 Well done"],
  ["👍", "👍 Thumbs up"],
  ["🎉", "🎉 Celebrate"],
  ["💡", "💡 Good idea"],
  ["🤝", "🤝 Let me help"],
];

type CheckIn = TeamCheckInsQuery["teamCheckIns"][number];

/** "2026-12-07" moved by `weeks` weeks. */
function weeksFrom(monday: string, weeks: number): string {
  const moved = new Date(`${monday}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + 7 * weeks);
  return moved.toISOString().slice(0, 10);
}

export function TeamCheckIns(props: { team: string; thisWeek: string; meId: string | null }) {
  const [weekOf, setWeekOf] = useState(props.thisWeek);
  const { data, error, loading, reload } = useQuery(CHECK_INS, { team: props.team, weekOf });
  const checkIns = data?.teamCheckIns ?? [];
  return (
    <section aria-labelledby="team-check-ins-h">
      <h2 id="team-check-ins-h">Check-ins of the week of {day(weekOf)}</h2>
      <nav class="pager" aria-label="Weeks">
        <button type="button" disabled={loading} onClick={() => setWeekOf(weeksFrom(weekOf, -1))}>
          Week before
        </button>
        <button
          type="button"
          disabled={loading || weekOf >= props.thisWeek}
          onClick={() => setWeekOf(weeksFrom(weekOf, 1))}
        >
          Week after
        </button>
      </nav>
      {loading && !data && <Loading what="the check-ins" />}
      <ErrorNote message={error} />
      {data && !checkIns.length && <Empty>Nobody checked in that week.</Empty>}
      {checkIns.map((c) => (
        <article
          key={c.id}
          class="panel check-in"
          aria-label={`Check-in of ${c.person?.name ?? "someone"}`}
        >
          <h3>
            {c.person?.name ?? "Someone"} <Mood mood={c.mood} />
          </h3>
          <CheckInBody checkIn={c} />
          {c.person?.id !== props.meId && <Reaction checkIn={c} onReacted={reload} />}
        </article>
      ))}
    </section>
  );
}

function Reaction({ checkIn, onReacted }: { checkIn: CheckIn; onReacted: () => void }) {
  const [emoji, setEmoji] = useState("");
  const [comment, setComment] = useState("");
  const [agenda, setAgenda] = useState(false);
  const { errors, busy, run } = useSubmit();
  const name = checkIn.person?.name ?? "them";
  function submit(e: Event) {
    e.preventDefault();
    const variables = {
      checkInId: checkIn.id,
      emoji: emoji || null,
      comment: comment || null,
      addToOneOnOne: agenda,
    };
    void run(
      async () => (await request(REACT, variables)).reactToCheckIn,
      "CheckIn",
      () => {
        setEmoji("");
        setComment("");
        setAgenda(false);
        onReacted();
      },
    );
  }
  return (
    <details>
      <summary>React or comment</summary>
      <form class="stack" onSubmit={submit} noValidate aria-label={`React to ${name}'s check-in`}>
        <SelectField
          label="Reaction"
          name="emoji"
          value={emoji}
          onChange={setEmoji}
          options={EMOJIS}
          errors={errors}
        />
        <Field
          label="Comment"
          name="comment"
          value={comment}
          onInput={setComment}
          errors={errors}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={agenda}
            onChange={(e) => setAgenda(e.currentTarget.checked)}
          />
          Put it on our next one-on-one's agenda
        </label>
        <FormErrors errors={errors} shown={["emoji", "comment"]} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            React
          </button>
        </div>
      </form>
    </details>
  );
}
