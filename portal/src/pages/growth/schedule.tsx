/** A manager sets the rhythm of one-on-ones with a report: who, how often, from when.
 * Scheduling a pair again changes its rhythm (the service drops meetings nobody prepared). */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { OneOnOneCadence } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { ErrorNote, Field, FormErrors, SelectField, when } from "../../components/ui";

const REPORTS = graphql(`
  query MyReports($team: String!, $skip: Boolean!) {
    employees(filter: { team: $team }, first: 100) @skip(if: $skip) {
      edges {
        node {
          id
          name
          manager {
            id
          }
        }
      }
    }
  }
`);

const SCHEDULE = graphql(`
  mutation ScheduleOneOnOnes($reportId: ID!, $every: OneOnOneCadence!, $startsAt: DateTime!) {
    scheduleOneOnOnes(reportId: $reportId, every: $every, startsAt: $startsAt) {
      __typename
      ... on OneOnOne {
        id
        scheduledAt
        report {
          name
        }
      }
      ...Refusal
    }
  }
`);

const CADENCES: [OneOnOneCadence, string][] = [
  ["WEEKLY", "Every week"],
  ["BIWEEKLY", "Every two weeks"],
  ["MONTHLY", "Every four weeks"],
];

interface ScheduleProps {
  meId: string;
  team: string | null;
  onScheduled: () => void;
}

export function ScheduleOneOnOnes({ meId, team, onScheduled }: ScheduleProps) {
  const reports = useQuery(REPORTS, { team: team ?? "", skip: !team });
  const people = (reports.data?.employees?.edges ?? [])
    .map((e) => e.node)
    .filter((p) => p.manager?.id === meId);
  const [reportId, setReportId] = useState("");
  const [every, setEvery] = useState<OneOnOneCadence>("WEEKLY");
  const [startsAt, setStartsAt] = useState("");
  const { errors, busy, run, setErrors } = useSubmit();
  const [scheduled, setScheduled] = useState("");

  function submit(e: Event) {
    e.preventDefault();
    setScheduled("");
    const missing = {
      ...(reportId ? {} : { reportId: "choose the person you meet" }),
      ...(startsAt ? {} : { startsAt: "choose the date and time of the first meeting" }),
    };
    if (Object.keys(missing).length) return setErrors(missing);
    // datetime-local is the browser's local time; the API wants a moment with its zone
    const moment = new Date(startsAt).toISOString();
    void run(
      async () =>
        (await request(SCHEDULE, { reportId, every, startsAt: moment })).scheduleOneOnOnes,
      "OneOnOne",
      (meeting) => {
        setScheduled(`Scheduled: next with ${meeting.report?.name} ${when(meeting.scheduledAt)}.`);
        onScheduled();
      },
    );
  }

  return (
    <form class="stack panel" onSubmit={submit} noValidate aria-labelledby="schedule-h">
      <h2 id="schedule-h">Schedule one-on-ones</h2>
      <ErrorNote message={reports.error} />
      <SelectField
        label="With"
        name="reportId"
        value={reportId}
        onChange={setReportId}
        options={[
          ["", people.length ? "Choose a report" : "No reports in your team"],
          ...people.map((p): [string, string] => [p.id, p.name]),
        ]}
        errors={errors}
      />
      <SelectField
        label="How often"
        name="every"
        value={every}
        onChange={(v) => setEvery(v as OneOnOneCadence)}
        options={CADENCES}
        errors={errors}
      />
      <Field
        label="First meeting"
        name="startsAt"
        type="datetime-local"
        value={startsAt}
        onInput={setStartsAt}
        errors={errors}
        hint="Scheduling someone again changes the rhythm."
      />
      <FormErrors errors={errors} shown={["reportId", "every", "startsAt"]} />
      {scheduled && (
        <p class="success" role="status">
          {scheduled}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Schedule
        </button>
      </div>
    </form>
  );
}
