/** One opportunity: what it is, your skill gap, what people in the role say, and either
 * your interest in it or, for its owner, the applications to decide. */
import { graphql } from "../../../generated";
import type { OpportunityPageQuery } from "../../../generated/graphql";
import { currentSession } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { Interest } from "./interest";
import { KIND_LABELS, percent } from "./labels";
import { Manage } from "./manage";

const OPPORTUNITY = graphql(`
  query OpportunityPage($id: ID!) {
    opportunity(id: $id) {
      id
      title
      kind
      description
      team
      status
      remote
      location
      hoursPerWeek
      startsOn
      closesOn
      capacity
      spotsLeft
      owner {
        id
        name
      }
      skills {
        level
        required
        skill {
          id
          name
        }
      }
      voices {
        id
        text
        current
        createdAt
        author {
          name
        }
      }
      applications {
        id
        note
        status
        message
        createdAt
        applicant {
          id
          name
          title
        }
      }
    }
    skillGap(opportunityId: $id) {
      coverage
      matched {
        have
        required
        skill {
          name
        }
      }
      underLevel {
        have
        required
        skill {
          name
        }
      }
      missing {
        required
        essential
        skill {
          name
        }
      }
    }
  }
`);

export type OpportunityData = NonNullable<OpportunityPageQuery["opportunity"]>;

export function OpportunityPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(OPPORTUNITY, { id });
  if (loading && !data) return <Loading what="the opportunity" />;
  if (error && !data) return <ErrorNote message={error} />;
  const o = data?.opportunity;
  if (!o) {
    return (
      <>
        <PageTitle>Opportunity not found</PageTitle>
        <Empty>
          It may have been removed. <a href={href("marketplace")}>Back to the marketplace</a>
        </Empty>
      </>
    );
  }
  const owner = o.owner?.id === currentSession()?.person.id;
  return (
    <article>
      <p>
        <a href={href("marketplace")}>← Marketplace</a>
      </p>
      <PageTitle>{o.title}</PageTitle>
      <p class="meta">
        <span class="badge">{KIND_LABELS[o.kind]}</span>
        {o.status === "CLOSED" && <span class="badge status-declined">Closed</span>}
        {o.team && <span>{o.team}</span>}
        <span>by {o.owner?.name ?? "someone"}</span>
        <span>{o.remote ? "Remote" : o.location}</span>
        {o.hoursPerWeek != null && <span>{o.hoursPerWeek} h/week</span>}
        {o.startsOn && <span>starts {day(o.startsOn)}</span>}
        {o.closesOn && <span>closes {day(o.closesOn)}</span>}
        <span>
          {o.spotsLeft} of {o.capacity} {o.capacity === 1 ? "place" : "places"} left
        </span>
      </p>
      <ErrorNote message={error} />
      <div class="split">
        <div>
          {o.description && <p class="body">{o.description}</p>}
          <Skills skills={o.skills} />
          <Voices voices={o.voices} />
        </div>
        <aside class="stack">
          {owner ? (
            <Manage opportunity={o} onChange={reload} />
          ) : (
            <>
              <Gap gap={data.skillGap} />
              <Interest opportunity={o} onChange={reload} />
            </>
          )}
        </aside>
      </div>
    </article>
  );
}

function Skills({ skills }: { skills: OpportunityData["skills"] }) {
  return (
    <section aria-labelledby="asks-h">
      <h2 id="asks-h">Skills it asks for</h2>
      {skills.length === 0 ? (
        <p class="muted">No particular skills.</p>
      ) : (
        <ul>
          {skills.map((s) => (
            <li key={s.skill.id}>
              {s.skill.name}: level {s.level}
              {!s.required && <span class="muted"> (nice to have)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Gap({ gap }: { gap: OpportunityPageQuery["skillGap"] }) {
  if (!gap) return null;
  return (
    <section class="panel" aria-labelledby="gap-h">
      <h2 id="gap-h">Your skill gap</h2>
      <p>
        You cover <strong>{percent(gap.coverage)}</strong> of what it asks for.
      </p>
      {gap.matched.length > 0 && (
        <p class="skills matched">
          <strong>You have:</strong>{" "}
          {gap.matched.map((s) => `${s.skill.name} (${s.have}/${s.required})`).join(", ")}
        </p>
      )}
      {gap.underLevel.length > 0 && (
        <p class="skills under">
          <strong>Below the level asked:</strong>{" "}
          {gap.underLevel.map((s) => `${s.skill.name} (${s.have}/${s.required})`).join(", ")}
        </p>
      )}
      {gap.missing.length > 0 && (
        <p class="skills missing">
          <strong>Missing:</strong>{" "}
          {gap.missing
            .map(
              (s) => `${s.skill.name} (level ${s.required}${s.essential ? "" : ", nice to have"})`,
            )
            .join(", ")}
        </p>
      )}
    </section>
  );
}

function Voices({ voices }: { voices: OpportunityData["voices"] }) {
  return (
    <section aria-labelledby="voices-h">
      <h2 id="voices-h">From people in the role</h2>
      {voices.length === 0 ? (
        <p class="muted">Nobody who holds or held this role has said anything yet.</p>
      ) : (
        <ul class="comments">
          {voices.map((v) => (
            <li key={v.id}>
              <p class="body">“{v.text}”</p>
              <p class="muted">
                {v.author?.name ?? "someone"}, {v.current ? "in the role now" : "held the role"} ·{" "}
                {day(v.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
