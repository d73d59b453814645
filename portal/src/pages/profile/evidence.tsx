/** Improvement work as proof of skill: ideas and experiments, newest first. */
import type { MyProfileQuery } from "../../../generated/graphql";
import { day } from "../../components/ui";
import { href } from "../../router";

type Item = NonNullable<MyProfileQuery["me"]>["evidence"][number];

export function Evidence({ items }: { items: Item[] }) {
  return (
    <section class="panel" aria-labelledby="evidence-h">
      <h2 id="evidence-h">Skill evidence</h2>
      {items.length === 0 ? (
        <p class="muted">
          Ideas you submit and experiments you run show up here as proof of your skills.
        </p>
      ) : (
        <ul class="plain" aria-label="Skill evidence">
          {items.map((e) => (
            <li key={e.id}>
              <a href={href(e.source === "EXPERIMENT" ? "experiments" : "ideas", e.sourceId)}>
                {e.title}
              </a>{" "}
              <span class="badge">{e.source === "EXPERIMENT" ? "Experiment" : "Idea"}</span>{" "}
              <span class="muted">{day(e.occurredAt)}</span>
              {e.text && <p class="muted">{e.text}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
