/** Kudos: say what and why to a teammate or the whole team, public or for them alone; and
 * the team's feed of kudos received. */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { KudosVisibility } from "../../../generated/graphql";
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
  PageTitle,
  SelectField,
} from "../../components/ui";
import { GrowthNav } from "./nav";

const FEED = graphql(`
  query KudosPage($team: String!, $skip: Boolean!) {
    me {
      id
      team
    }
    employees(filter: { team: $team }, first: 50) @skip(if: $skip) {
      edges {
        node {
          id
          name
        }
      }
    }
    kudosFeed(teamId: $team, first: 30) @skip(if: $skip) {
      totalCount
      edges {
        node {
          id
          message
          visibility
          skill
          toTeamId
          createdAt
          from {
            name
          }
          toPerson {
            name
          }
        }
      }
    }
  }
`);

const GIVE = graphql(`
  mutation GiveKudos($input: GiveKudosInput!) {
    giveKudos(input: $input) {
      __typename
      ... on Kudos {
        id
      }
      ...Refusal
    }
  }
`);

export function KudosPage() {
  const [team, setTeam] = useState("");
  const { data, error, loading, reload } = useQuery(FEED, { team, skip: !team });
  const myTeam = data?.me?.team ?? "";
  useEffect(() => {
    if (myTeam && !team) setTeam(myTeam);
  }, [team, myTeam]);
  const people = (data?.employees?.edges ?? [])
    .map((e) => e.node)
    .filter((p) => p.id !== data?.me?.id);
  const feed = data?.kudosFeed?.edges.map((e) => e.node) ?? [];
  return (
    <>
      <PageTitle>Kudos{team ? ` in ${team}` : ""}</PageTitle>
      <GrowthNav current="kudos" />
      {loading && !data && <Loading what="kudos" />}
      <ErrorNote message={error} />
      {team && <GiveKudos team={team} people={people} onGiven={reload} />}
      <h2>Team feed</h2>
      {data?.kudosFeed && !feed.length && <Empty>No kudos yet: be the first.</Empty>}
      <ul class="comments" aria-label="Kudos feed">
        {feed.map((k) => (
          <li key={k.id} class="kudos">
            <p>
              <strong>{k.from?.name ?? "Someone"}</strong> to{" "}
              <strong>{k.toPerson?.name ?? `the ${k.toTeamId} team`}</strong>
              {k.visibility === "PRIVATE" && <span class="badge visibility-private">Private</span>}
              {k.skill && <span class="tag">{k.skill}</span>}{" "}
              <span class="muted">{day(k.createdAt)}</span>
            </p>
            <p class="body">{k.message}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function GiveKudos(props: {
  team: string;
  people: { id: string; name: string }[];
  onGiven: () => void;
}) {
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  const [skill, setSkill] = useState("");
  const [visibility, setVisibility] = useState<KudosVisibility>("PUBLIC");
  const { errors, busy, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    const input = {
      message,
      visibility,
      skill: skill.trim() || null,
      toPersonId: to || null,
      toTeamId: to ? null : props.team,
    };
    void run(
      async () => (await request(GIVE, { input })).giveKudos,
      "Kudos",
      () => {
        setMessage("");
        setSkill("");
        setSaved(true);
        props.onGiven();
      },
    );
  }
  return (
    <form class="stack panel" onSubmit={submit} noValidate aria-labelledby="kudos-h">
      <h2 id="kudos-h">Give kudos</h2>
      <SelectField
        label="To"
        name="toPersonId"
        value={to}
        onChange={setTo}
        options={[
          ["", `The whole ${props.team} team`],
          ...props.people.map((p): [string, string] => [p.id, p.name]),
        ]}
        errors={errors}
      />
      <Field
        label="Message"
        name="message"
        value={message}
        onInput={setMessage}
        errors={errors}
        multiline
        hint="At least 20 characters: what they did and why it mattered."
      />
      <Field
        label="Skill it shows (optional)"
        name="skill"
        value={skill}
        onInput={setSkill}
        errors={errors}
        hint="Named skills become evidence on their profile."
      />
      <fieldset class="choice">
        <legend>Who sees it</legend>
        <label>
          <input
            type="radio"
            name="kudos-visibility"
            checked={visibility === "PUBLIC"}
            onChange={() => setVisibility("PUBLIC")}
          />
          Everyone (and the team's chat channel)
        </label>
        <label>
          <input
            type="radio"
            name="kudos-visibility"
            checked={visibility === "PRIVATE"}
            onChange={() => setVisibility("PRIVATE")}
          />
          Only them
        </label>
      </fieldset>
      <FormErrors errors={errors} shown={["toPersonId", "message", "skill"]} />
      {saved && (
        <p class="success" role="status">
          Kudos sent.
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Give kudos
        </button>
      </div>
    </form>
  );
}
