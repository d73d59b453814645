/** Your side of the marketplace: the applications you sent and the opportunities you posted. */
import { graphql } from "../../../generated";
import { currentSession } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { APPLICATION_LABELS, KIND_LABELS } from "./labels";

const MINE = graphql(`
  query MyMarketplace($ownerId: ID!) {
    myApplications {
      id
      status
      note
      message
      createdAt
      opportunity {
        id
        title
        kind
      }
    }
    opportunities(filter: { ownerId: $ownerId }, first: 50) {
      edges {
        node {
          id
          title
          kind
          status
          capacity
          acceptedCount
          applications {
            status
          }
        }
      }
    }
  }
`);

export function MyMarketplace() {
  const ownerId = currentSession()?.person.id ?? "";
  const { data, error, loading } = useQuery(MINE, { ownerId });
  const posted = data?.opportunities.edges.map((e) => e.node) ?? [];
  return (
    <>
      <p>
        <a href={href("marketplace")}>← Marketplace</a>
      </p>
      <PageTitle>My applications and opportunities</PageTitle>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="your applications" />}
      {data && (
        <>
          <section aria-labelledby="applied-h">
            <h2 id="applied-h">Applications</h2>
            {data.myApplications.length === 0 ? (
              <Empty>
                You have not expressed interest in anything yet.{" "}
                <a href={href("marketplace")}>Browse</a>
              </Empty>
            ) : (
              <ul class="cards" aria-label="My applications">
                {data.myApplications.map((a) => (
                  <li key={a.id} class="card">
                    <h3>
                      {a.opportunity ? (
                        <a href={href("marketplace", a.opportunity.id)}>{a.opportunity.title}</a>
                      ) : (
                        "A removed opportunity"
                      )}
                    </h3>
                    <p class="meta">
                      <span class={`badge application-${a.status.toLowerCase()}`}>
                        {APPLICATION_LABELS[a.status]}
                      </span>
                      {a.opportunity && <span>{KIND_LABELS[a.opportunity.kind]}</span>}
                      <span>sent {day(a.createdAt)}</span>
                    </p>
                    {a.message && <p>Owner: “{a.message}”</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="posted-h">
            <h2 id="posted-h">Opportunities you posted</h2>
            {posted.length === 0 ? (
              <Empty>
                None yet. <a href={href("marketplace", "new")}>Post an opportunity</a>
              </Empty>
            ) : (
              <ul class="cards" aria-label="Opportunities you posted">
                {posted.map((o) => {
                  const waiting = o.applications.filter((a) => a.status === "PENDING").length;
                  return (
                    <li key={o.id} class="card">
                      <h3>
                        <a href={href("marketplace", o.id)}>{o.title}</a>
                      </h3>
                      <p class="meta">
                        <span class="badge">{KIND_LABELS[o.kind]}</span>
                        {o.status === "CLOSED" && <span class="badge status-declined">Closed</span>}
                        <span>
                          {o.acceptedCount} of {o.capacity} accepted
                        </span>
                        <span>{waiting} waiting for you</span>
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
