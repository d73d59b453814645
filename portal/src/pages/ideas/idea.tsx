/** One idea: the proposal, votes, comments, history, experiments and the reviewers' tools. */
import { graphql } from "../../../generated";
import type { IdeaPageQuery } from "../../../generated/graphql";
import { hasRole } from "../../api/session";
import { useSubscription } from "../../api/live";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day, when } from "../../components/ui";
import { href, hrefWith } from "../../router";
import { Comments } from "./comments";
import { BAND_LABELS, STATUS_LABELS } from "./labels";
import { ReviewPanel } from "./review";
import { VoteButton } from "./vote";

const IDEA = graphql(`
  query IdeaPage($id: ID!) {
    idea(id: $id) {
      id
      title
      problem
      proposal
      benefit
      area
      tags
      status
      voteCount
      viewerHasVoted
      impact
      effort
      priority
      priorityBand
      sourceReflectionId
      createdAt
      author {
        id
        name
        team
      }
      campaign {
        id
        title
      }
      duplicateOf {
        id
        title
      }
      duplicates {
        id
        title
      }
      comments {
        id
        body
        edited
        createdAt
        author {
          id
          name
        }
      }
      history {
        from
        to
        at
        reason
        by {
          name
        }
      }
      theme {
        id
        label
        unaddressed
      }
      experimentLinks {
        experimentId
        title
        decision
        learnings
        startedAt
        concludedAt
      }
    }
  }
`);

const CHANGED = graphql(`
  subscription IdeaPageChanged($id: ID!) {
    ideaChanged(id: $id) {
      id
    }
  }
`);

type Idea = NonNullable<IdeaPageQuery["idea"]>;

export function IdeaPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(IDEA, { id });
  useSubscription(CHANGED, { id }, reload);
  if (loading && !data) return <Loading what="the idea" />;
  if (error && !data) return <ErrorNote message={error} />;
  const idea = data?.idea;
  if (!idea) {
    return (
      <>
        <PageTitle>Idea not found</PageTitle>
        <Empty>
          It may have been removed. <a href={href("ideas")}>Back to the ideas</a>
        </Empty>
      </>
    );
  }
  return (
    <article class="idea">
      <p>
        <a href={href("ideas")}>← All ideas</a>
      </p>
      <PageTitle>{idea.title}</PageTitle>
      <p class="meta">
        <span class={`badge status-${idea.status.toLowerCase()}`}>
          {STATUS_LABELS[idea.status]}
        </span>
        <span>
          by {idea.author?.name ?? "someone"} · {day(idea.createdAt)}
        </span>
        {idea.campaign && <span>Campaign: {idea.campaign.title}</span>}
        {idea.area && <span>Area: {idea.area}</span>}
        {idea.theme && (
          <span>
            Theme: <a href={href("themes", idea.theme.id)}>{idea.theme.label}</a>
          </span>
        )}
      </p>
      <VoteButton
        key={idea.voteCount}
        id={idea.id}
        title={idea.title}
        status={idea.status}
        voteCount={idea.voteCount}
        viewerHasVoted={idea.viewerHasVoted}
      />
      {idea.duplicateOf && (
        <p class="notice">
          Merged into <a href={href("ideas", idea.duplicateOf.id)}>{idea.duplicateOf.title}</a>:
          votes and discussion continue there.
        </p>
      )}
      <Proposal idea={idea} />
      <Assessment idea={idea} />
      <Experiments idea={idea} />
      {idea.duplicates.length > 0 && (
        <section aria-labelledby="dups-h">
          <h2 id="dups-h">Merged duplicates</h2>
          <ul>
            {idea.duplicates.map((d) => (
              <li key={d.id}>
                <a href={href("ideas", d.id)}>{d.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Comments ideaId={idea.id} comments={idea.comments} onChange={reload} />
      <History history={idea.history} />
      {hasRole("reviewer") && (
        <ReviewPanel key={`${idea.status}-${idea.priority}`} idea={idea} onChange={reload} />
      )}
    </article>
  );
}

function Proposal({ idea }: { idea: Idea }) {
  const parts: [string, string][] = [
    ["Problem", idea.problem],
    ["Proposal", idea.proposal],
    ["Benefit", idea.benefit],
  ];
  return (
    <section class="prose">
      {parts
        .filter(([, text]) => text)
        .map(([label, text]) => (
          <div key={label}>
            <h2>{label}</h2>
            <p>{text}</p>
          </div>
        ))}
      {idea.tags.length > 0 && (
        <p class="tags">
          {idea.tags.map((t) => (
            <span key={t} class="tag">
              #{t}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}

function Assessment({ idea }: { idea: Idea }) {
  return (
    <section aria-labelledby="assess-h">
      <h2 id="assess-h">Assessment</h2>
      {idea.priority == null ? (
        <p class="muted">Not assessed by a reviewer yet.</p>
      ) : (
        <p>
          Impact {idea.impact}/5 · effort {idea.effort}/5 · priority {idea.priority}/25
          {idea.priorityBand && (
            <>
              {" "}
              · <strong>{BAND_LABELS[idea.priorityBand]}</strong>
            </>
          )}
        </p>
      )}
    </section>
  );
}

/** Ideas an experiment can run on: a reviewer has accepted them (the experiments service
 * refuses any other, and the idea's author, a reviewer or a manager plans it). */
const TRIABLE = new Set(["ACCEPTED", "EXPERIMENTING"]);

function Experiments({ idea }: { idea: Idea }) {
  const links = idea.experimentLinks;
  return (
    <section aria-labelledby="exp-h">
      <h2 id="exp-h">Experiments</h2>
      {TRIABLE.has(idea.status) && (
        <p>
          <a class="button" href={hrefWith({ idea: idea.id }, "experiments", "new")}>
            Plan an experiment for this idea
          </a>
        </p>
      )}
      {links.length === 0 ? (
        <p class="muted">No experiment has tried this idea yet.</p>
      ) : (
        <ul>
          {links.map((x) => (
            <li key={x.experimentId}>
              <a href={href("experiments", x.experimentId)}>
                <strong>{x.title}</strong>
              </a>
              {x.decision ? ` · decision: ${x.decision}` : " · running"}
              {x.learnings && <p>{x.learnings}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function History({ history }: { history: Idea["history"] }) {
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <ol class="timeline">
        {history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{when(h.at)}</time> {h.from ? `${STATUS_LABELS[h.from]} → ` : ""}
            <strong>{STATUS_LABELS[h.to]}</strong>
            {h.by && ` by ${h.by.name}`}
            {h.reason && <p>“{h.reason}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
