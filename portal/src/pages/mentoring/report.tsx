/** The programme report for coordinators and admins: figures only (never a pair's notes,
 * tasks or ratings), filterable by team, with the CSV whose columns docs/mentoring.md lists. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { ErrorNote, SelectField } from "../../components/ui";
import { figure, fileHref, percent } from "./labels";

const REPORT = graphql(`
  query ProgrammeReport($programmeId: ID!, $team: String) {
    programmeReport(programmeId: $programmeId, team: $team) {
      team
      teams
      enrolledMentors
      enrolledMentees
      matchedMentees
      matchRate
      medianDaysToFirstSession
      sessionsPerMentorship
      stuckMentorships
      goalsCompleted
      meanRating
      csv
    }
  }
`);

export function Report({ programmeId }: { programmeId: string }) {
  const [team, setTeam] = useState("");
  const { data, error } = useQuery(REPORT, { programmeId, team: team || null });
  const r = data?.programmeReport;
  const rows: [string, string][] = r
    ? [
        ["Enrolled mentors", String(r.enrolledMentors)],
        ["Enrolled mentees", String(r.enrolledMentees)],
        ["Matched mentees", String(r.matchedMentees)],
        ["Match rate", percent(r.matchRate)],
        ["Median days to the first session", figure(r.medianDaysToFirstSession)],
        ["Sessions per mentorship", figure(r.sessionsPerMentorship)],
        ["Stuck mentorships", String(r.stuckMentorships)],
        ["Goals completed", String(r.goalsCompleted)],
        ["Mean rating", figure(r.meanRating)],
      ]
    : [];
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">Report</h2>
      <ErrorNote message={error} />
      {r && (
        <>
          <SelectField
            label="Team"
            name="team"
            value={team}
            onChange={setTeam}
            options={[["", "Every team"], ...r.teams.map((t) => [t, t] as [string, string])]}
          />
          <table class="report" aria-label="Programme figures">
            <tbody>
              {rows.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={fileHref(r.csv, "text/csv")} download="programme-report.csv">
              Download the report (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}
