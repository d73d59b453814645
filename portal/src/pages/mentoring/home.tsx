/** Mentoring: your mentorships (with their milestones and whether they went quiet) and the
 * programmes you can join or coordinate; admins and coordinators start a new one. */
import { graphql } from "../../../generated";
import { hasRole } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { CreateProgramme } from "./create";
import { MILESTONE_LABELS, STATUS_LABELS } from "./labels";

const HOME = graphql(`
  query MentoringHome {
    myMentorships {
      id
      status
      stuck
      mySide
      mentor {
        id
        name
      }
      mentee {
        id
        name
      }
      programme {
        id
        name
      }
      milestones {
        name
        reachedAt
      }
    }
    mentoringProgrammes {
      id
      name
      description
      startsOn
      endsOn
      coordinates
      mentorCount
      menteeCount
      myEnrolment {
        role
      }
    }
  }
`);

export function MentoringHome() {
  const { data, error, loading, reload } = useQuery(HOME, {});
  return (
    <>
      <PageTitle>Mentoring</PageTitle>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="your mentoring" />}
      {data && (
        <>
          <section aria-labelledby="mine-h">
            <h2 id="mine-h">My mentorships</h2>
            {data.myMentorships.length === 0 ? (
              <Empty>None yet: join a programme below and ask a suggested mentor.</Empty>
            ) : (
              <ul class="cards" aria-label="My mentorships">
                {data.myMentorships.map((m) => {
                  const other = m.mySide === "MENTOR" ? m.mentee : m.mentor;
                  const reached = m.milestones.filter((x) => x.reachedAt).pop();
                  return (
                    <li key={m.id} class="card">
                      <h3>
                        <a href={href("mentoring", m.id)}>
                          {m.mySide === "MENTOR" ? "Mentoring" : "Mentored by"} {other?.name}
                        </a>
                      </h3>
                      <p class="meta">
                        <span class="badge">{STATUS_LABELS[m.status]}</span>
                        {m.stuck && <span class="badge status-declined">Quiet for 21 days</span>}
                        {reached && <span>{MILESTONE_LABELS[reached.name]}</span>}
                        <span>{m.programme?.name ?? "Outside any programme"}</span>
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section aria-labelledby="programmes-h">
            <h2 id="programmes-h">Programmes</h2>
            {data.mentoringProgrammes.length === 0 ? (
              <Empty>No mentoring programme runs yet.</Empty>
            ) : (
              <ul class="cards" aria-label="Programmes">
                {data.mentoringProgrammes.map((p) => (
                  <li key={p.id} class="card">
                    <h3>
                      <a href={href("mentoring", "programme", p.id)}>{p.name}</a>
                    </h3>
                    <p class="meta">
                      <span>
                        {day(p.startsOn)} – {day(p.endsOn)}
                      </span>
                      <span>
                        {p.mentorCount} mentors, {p.menteeCount} mentees
                      </span>
                      {p.coordinates && <span class="badge">You coordinate it</span>}
                      {p.myEnrolment && (
                        <span class="badge">
                          Enrolled as {p.myEnrolment.role === "MENTOR" ? "mentor" : "mentee"}
                        </span>
                      )}
                    </p>
                    {p.description && <p>{p.description}</p>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {hasRole("coordinator") && <CreateProgramme created={reload} />}
        </>
      )}
    </>
  );
}
