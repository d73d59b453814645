/** The experiments: newest first, with stage, metric and how many signals the chart shows. */
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";

const EXPERIMENTS = graphql(`
  query ExperimentList {
    experiments(first: 50) {
      totalCount
      edges {
        node {
          id
          title
          stage
          startsOn
          endsOn
          metric {
            name
            unit
          }
          runChart {
            signals {
              kind
            }
          }
        }
      }
    }
  }
`);

export function ExperimentList() {
  const { data, error, loading } = useQuery(EXPERIMENTS, {});
  const items = data?.experiments.edges.map((e) => e.node) ?? [];
  return (
    <>
      <div class="title-row">
        <PageTitle>Experiments</PageTitle>
        <a class="button primary" href={href("experiments", "new")}>
          Plan an experiment
        </a>
      </div>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="experiments" />}
      {data && items.length === 0 && <Empty>No experiments yet: plan the first one.</Empty>}
      <ul class="cards" aria-label="Experiments">
        {items.map((x) => (
          <li key={x.id} class="card">
            <h2>
              <a href={`#/experiments/${x.id}`}>{x.title}</a>
            </h2>
            <p class="muted">
              {x.stage} · {x.metric.name} ({x.metric.unit}) · {day(x.startsOn)} – {day(x.endsOn)}
              {x.runChart.signals.length > 0 &&
                ` · ${x.runChart.signals.length} ${x.runChart.signals.length === 1 ? "signal" : "signals"}`}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
