/** The team view for managers: this week's check-in completion, the quarter's goals and their
 * progress, open problems, kudos given and received, the ideas that came from check-ins, and
 * the week's check-ins to react to. A mood shows only where the API sends one: for people in
 * the viewer's manager chain. */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { TeamGrowthPageQuery } from "../../../generated/graphql";
import { useQuery } from "../../api/useQuery";
import { day, Empty, ErrorNote, Field, Loading, PageTitle } from "../../components/ui";
import { href, navigate } from "../../router";
import { Mood } from "./checkinview";
import { GrowthNav, Progress } from "./nav";
import { TeamCheckIns } from "./teamcheckins";

const TEAM = graphql(`
  query TeamGrowthPage($team: String!, $skip: Boolean!) {
    me {
      id
      team
    }
    teamGrowth(teamId: $team) @skip(if: $skip) {
      teamId
      weekOf
      period
      members
      checkedIn
      completion
      people {
        checkedIn
        mood
        person {
          id
          name
        }
      }
      goals {
        id
        title
        progress
        owner {
          name
        }
      }
      goalProgress
      openProblems {
        checkInId
        index
        text
        person {
          name
        }
      }
      kudosReceived
      kudosGiven
      ideas {
        id
        title
        status
      }
    }
  }
`);

type View = NonNullable<TeamGrowthPageQuery["teamGrowth"]>;

export function TeamPage({ team }: { team?: string }) {
  const [mine, setMine] = useState("");
  const shown = team ?? mine;
  const { data, error, loading } = useQuery(TEAM, { team: shown, skip: !shown });
  const myTeam = data?.me?.team ?? "";
  useEffect(() => {
    if (myTeam && !mine) setMine(myTeam);
  }, [mine, myTeam]);
  const view = data?.teamGrowth;
  return (
    <>
      <PageTitle>Team{shown ? ` ${shown}` : ""}</PageTitle>
      <GrowthNav current="team" />
      {loading && !view && <Loading what="the team" />}
      <ErrorNote message={error} />
      {data && !shown && <Empty>You are in no team: choose one below.</Empty>}
      {view && <Figures view={view} />}
      {view && (
        <TeamCheckIns
          key={view.teamId}
          team={view.teamId}
          thisWeek={view.weekOf}
          meId={data?.me?.id ?? null}
        />
      )}
      <OtherTeam />
    </>
  );
}

function Figures({ view }: { view: View }) {
  return (
    <>
      <p class="meta">
        Week of {day(view.weekOf)} · {view.period}
      </p>
      <table class="report" aria-label="Team figures">
        <tbody>
          <tr>
            <th scope="row">Checked in this week</th>
            <td>
              {view.checkedIn} of {view.members}{" "}
              <Progress value={view.completion} label="Check-in completion" />
            </td>
          </tr>
          <tr>
            <th scope="row">Goal progress</th>
            <td>
              <Progress value={view.goalProgress} label="Goal progress of the team" />
            </td>
          </tr>
          <tr>
            <th scope="row">Open problems</th>
            <td>{view.openProblems.length}</td>
          </tr>
          <tr>
            <th scope="row">Kudos received this quarter</th>
            <td>{view.kudosReceived}</td>
          </tr>
          <tr>
            <th scope="row">Kudos given this quarter</th>
            <td>{view.kudosGiven}</td>
          </tr>
        </tbody>
      </table>
      <section class="panel" aria-labelledby="people-h">
        <h2 id="people-h">This week</h2>
        {!view.people.length && <Empty>Nobody is in this team.</Empty>}
        <ul class="plain" aria-label="People this week">
          {view.people.map((p) => (
            <li key={p.person?.id}>
              {p.person?.name ?? "Someone"}:{" "}
              {p.checkedIn ? "checked in" : <span class="muted">not yet</span>}{" "}
              <Mood mood={p.mood} />
            </li>
          ))}
        </ul>
      </section>
      <section class="panel" aria-labelledby="team-goals-h">
        <h2 id="team-goals-h">Goals of {view.period}</h2>
        {!view.goals.length && <Empty>No goals this quarter.</Empty>}
        <ul class="plain" aria-label="Team goals">
          {view.goals.map((g) => (
            <li key={g.id}>
              {g.title} <span class="muted">({g.owner?.name ?? "the team"})</span>{" "}
              <Progress value={g.progress} label={`Progress of ${g.title}`} />
            </li>
          ))}
        </ul>
        <a href={href("growth", "goals")}>The goal tree</a>
      </section>
      <section class="panel" aria-labelledby="problems-h">
        <h2 id="problems-h">Open problems</h2>
        {!view.openProblems.length && <Empty>No open problems this week.</Empty>}
        <ul class="plain" aria-label="Open problems">
          {view.openProblems.map((p) => (
            <li key={`${p.checkInId}-${p.index}`}>
              {p.text} <span class="muted">({p.person?.name ?? "someone"})</span>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel" aria-labelledby="team-ideas-h">
        <h2 id="team-ideas-h">Ideas from check-ins</h2>
        {!view.ideas.length && <Empty>No check-in problem has become an idea yet.</Empty>}
        <ul class="plain" aria-label="Ideas from check-ins">
          {view.ideas.map((i) => (
            <li key={i.id}>
              <a href={href("ideas", i.id)}>{i.title}</a>{" "}
              <span class="badge">{i.status.toLowerCase()}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function OtherTeam() {
  const [name, setName] = useState("");
  function submit(e: Event) {
    e.preventDefault();
    if (name.trim()) navigate("growth", "team", name.trim());
  }
  return (
    <form class="inline" onSubmit={submit} noValidate>
      <Field label="Another team" name="team" value={name} onInput={setName} />
      <button type="submit">Show</button>
    </form>
  );
}
