/** A programme: what it is, your enrolment (or the form to enrol), suggested mentors for a
 * mentee, and for its coordinators the pairs (the quiet ones first) and the report. */
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { ErrorNote, Loading, PageTitle, day } from "../../components/ui";
import { href } from "../../router";
import { Pairs } from "./pairs";
import { EnrolForm, SuggestedMentors } from "./enrol";
import { Report } from "./report";

const PROGRAMME = graphql(`
  query MentoringProgrammePage($id: ID!) {
    mentoringProgramme(id: $id) {
      id
      name
      description
      startsOn
      endsOn
      coordinates
      mentorCount
      menteeCount
      coordinators {
        id
        name
      }
      myEnrolment {
        role
        skills
        capacity
        goal
      }
      enrolments {
        id
        role
        skills
        capacity
        person {
          id
          name
        }
      }
      mentorships {
        id
        status
        stuck
        lastActivityAt
        mentor {
          name
        }
        mentee {
          name
        }
        milestones {
          name
          reachedAt
        }
        goals {
          id
          title
          progress
        }
      }
    }
  }
`);

export function ProgrammePage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(PROGRAMME, { id });
  const p = data?.mentoringProgramme;
  return (
    <>
      <p>
        <a href={href("mentoring")}>← Mentoring</a>
      </p>
      <ErrorNote message={error} />
      {loading && !data && <Loading what="the programme" />}
      {data && !p && <PageTitle>Programme not found</PageTitle>}
      {p && (
        <>
          <PageTitle>{p.name}</PageTitle>
          <p class="meta">
            <span>
              {day(p.startsOn)} – {day(p.endsOn)}
            </span>
            <span>
              {p.mentorCount} mentors, {p.menteeCount} mentees
            </span>
            <span>Coordinated by {p.coordinators.map((c) => c.name).join(", ")}</span>
          </p>
          {p.description && <p>{p.description}</p>}
          {p.myEnrolment ? (
            <p class="notice" role="status">
              You are enrolled as {p.myEnrolment.role === "MENTOR" ? "a mentor" : "a mentee"} (
              {p.myEnrolment.skills.join(", ")}
              {p.myEnrolment.role === "MENTOR"
                ? `; up to ${p.myEnrolment.capacity} mentees`
                : p.myEnrolment.goal && `; “${p.myEnrolment.goal}”`}
              ).
            </p>
          ) : (
            <EnrolForm programmeId={p.id} enrolled={reload} />
          )}
          {p.myEnrolment?.role === "MENTEE" && <SuggestedMentors programmeId={p.id} />}
          {p.coordinates && p.mentorships && p.enrolments && (
            <>
              <Pairs
                programmeId={p.id}
                mentorships={p.mentorships}
                enrolments={p.enrolments}
                changed={reload}
              />
              <Report programmeId={p.id} />
            </>
          )}
        </>
      )}
    </>
  );
}
