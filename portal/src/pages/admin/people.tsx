/** Admins: the people directory. A people CSV (chosen or pasted) is checked first with a
 * dry run that lists every row's problems by column, then applied whole (the service
 * writes nothing when any row is bad); the directory below lists everyone, deactivated
 * people too, with deactivate and reactivate. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { hasRole } from "../../api/session";
import { useDebounced, useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Field, Loading, PageTitle } from "../../components/ui";

const IMPORT = graphql(`
  mutation ImportPeople($csv: String!, $dryRun: Boolean!) {
    importPeople(csv: $csv, dryRun: $dryRun) {
      __typename
      ... on PeopleImportReport {
        rows
        new
        updated
        applied
        errors {
          line
          column
          message
        }
      }
      ...Refusal
    }
  }
`);

const DIRECTORY = graphql(`
  query AdminDirectory($search: String) {
    employees(filter: { search: $search }, first: 50) {
      totalCount
      edges {
        node {
          id
          name
          email
          team
          roles
          active
        }
      }
    }
  }
`);

const DEACTIVATE = graphql(`
  mutation DeactivatePerson($id: ID!) {
    deactivatePerson(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

const REACTIVATE = graphql(`
  mutation ReactivatePerson($id: ID!) {
    reactivatePerson(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

const HEADER = "email,name,team,manager_email,roles";

interface Report {
  rows: number;
  new: number;
  updated: number;
  applied: boolean;
  errors: { line: number; column: string; message: string }[];
}

export function PeopleAdmin() {
  if (!hasRole("admin"))
    return (
      <>
        <PageTitle>People</PageTitle>
        <ErrorNote message="Only admins manage the people directory." />
      </>
    );
  return <Directory />;
}

function Directory() {
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search, 250);
  const { data, loading, error, reload } = useQuery(DIRECTORY, {
    search: debounced.trim() || null,
  });
  const [status, setStatus] = useState<string | null>(null);

  async function change(id: string, deactivate: boolean) {
    setStatus(null);
    try {
      const result = deactivate
        ? (await request(DEACTIVATE, { id })).deactivatePerson
        : (await request(REACTIVATE, { id })).reactivatePerson;
      setStatus(
        result.__typename === "Person"
          ? deactivate
            ? "Deactivated: they can no longer sign in."
            : "Reactivated: they can sign in again."
          : (result.message ?? "Refused."),
      );
      reload();
    } catch (e) {
      setStatus((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="directory-h">
      <PageTitle>People</PageTitle>
      <CsvImport onApplied={reload} />
      <h2 id="directory-h">Directory</h2>
      <Field label="Search people" name="search" type="search" value={search} onInput={setSearch} />
      <ErrorNote message={error} />
      {status && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
      {loading && !data && <Loading what="the directory" />}
      {data && data.employees.edges.length === 0 && <Empty>Nobody matches.</Empty>}
      {data && data.employees.edges.length > 0 && (
        <div class="table-scroll">
          <table class="directory" aria-label="Directory">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Team</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.employees.edges.map(({ node: p }) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.email}</td>
                  <td>{p.team ?? ""}</td>
                  <td>{p.roles.join(", ")}</td>
                  <td>{p.active === false ? "Deactivated" : "Active"}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`${p.active === false ? "Reactivate" : "Deactivate"} ${p.name}`}
                      onClick={() => change(p.id, p.active !== false)}
                    >
                      {p.active === false ? "Reactivate" : "Deactivate"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.employees.totalCount > data.employees.edges.length && (
        <p class="muted">
          The first {data.employees.edges.length} of {data.employees.totalCount}: search to narrow.
        </p>
      )}
    </section>
  );
}

function CsvImport({ onApplied }: { onApplied: () => void }) {
  const [csv, setCsv] = useState("");
  const [checked, setChecked] = useState<{ csv: string; report: Report } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const report = checked?.csv === csv ? checked.report : null;
  const clean = report !== null && !report.applied && report.errors.length === 0;

  async function run(dryRun: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      const result = (await request(IMPORT, { csv, dryRun })).importPeople;
      if (result.__typename === "PeopleImportReport") {
        setChecked({ csv, report: result });
        if (result.applied) onApplied();
      } else {
        setChecked(null);
        setFailure(result.message ?? "Refused.");
      }
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function choose(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  }

  return (
    <form
      aria-labelledby="import-h"
      onSubmit={(e) => {
        e.preventDefault();
        void run(true);
      }}
    >
      <h2 id="import-h">Import people from a CSV</h2>
      <p class="muted">
        The header is <code>{HEADER}</code> (e-mail and name required; roles separated by{" "}
        <code>;</code>). Check the file first; it is then applied whole, or not at all.
      </p>
      <div class="field">
        <label for="people-file">CSV file</label>
        <input id="people-file" type="file" accept=".csv,text/csv,text/plain" onChange={choose} />
      </div>
      <Field label="Or paste the CSV" name="csv" multiline value={csv} onInput={setCsv} />
      <p class="actions">
        <button type="submit" disabled={busy || !csv.trim()}>
          Check (dry run)
        </button>{" "}
        <button type="button" disabled={busy || !clean} onClick={() => void run(false)}>
          Apply
        </button>
      </p>
      <ErrorNote message={failure} />
      {report && <ImportReport report={report} />}
    </form>
  );
}

function ImportReport({ report }: { report: Report }) {
  const counts = `${report.rows} row(s): ${report.new} new, ${report.updated} updated`;
  if (report.applied)
    return (
      <p role="status" class="import-summary">
        Applied. {counts}.
      </p>
    );
  if (!report.errors.length)
    return (
      <p role="status" class="import-summary">
        No problems. {counts}. Nothing is written until you apply.
      </p>
    );
  return (
    <>
      <p role="alert" class="error">
        {report.errors.length} problem(s): nothing was written. {counts}.
      </p>
      <div class="table-scroll">
        <table class="directory import-errors" aria-label="Problems by row">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>
                  <code>{e.column}</code>
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
