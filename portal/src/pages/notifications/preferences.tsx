/** What reaches the person, and where: per kind in-app, e-mail and chat; the e-mail digest
 * (none, daily from 07:00, weekly on Monday) in their time zone; quiet hours for chat. */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { DigestFrequency, KindPreferenceInput } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { useSubmit } from "../../api/useSubmit";
import { ErrorNote, Field, FormErrors, Loading, PageTitle, SelectField } from "../../components/ui";
import { href } from "../../router";

const PREFERENCES = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      digest
      timeZone
      quietHours {
        from
        until
      }
      kinds {
        kind
        label
        inApp
        email
        chat
      }
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      __typename
      ...Refusal
    }
  }
`);

const DIGESTS: [DigestFrequency, string][] = [
  ["NONE", "No digest"],
  ["DAILY", "Daily (from 07:00)"],
  ["WEEKLY", "Weekly (Monday)"],
];
const CHANNELS = [
  ["inApp", "In Kaizen"],
  ["email", "E-mail"],
  ["chat", "Chat"],
] as const;

type Kind = KindPreferenceInput & { label: string };

export function Preferences() {
  const { data, loading, error } = useQuery(PREFERENCES, {});
  const form = useSubmit();
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [digest, setDigest] = useState<DigestFrequency>("NONE");
  const [timeZone, setTimeZone] = useState("");
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const p = data?.notificationPreferences;
    if (!p) return;
    setKinds(
      p.kinds.map(({ kind, label, inApp, email, chat }) => ({ kind, label, inApp, email, chat })),
    );
    setDigest(p.digest);
    setTimeZone(p.timeZone);
    setFrom(p.quietHours?.from ?? "");
    setUntil(p.quietHours?.until ?? "");
  }, [data]);

  function toggle(kind: string, channel: (typeof CHANNELS)[number][0], on: boolean) {
    setSaved(false);
    setKinds(kinds.map((k) => (k.kind === kind ? { ...k, [channel]: on } : k)));
  }

  function save(e: Event) {
    e.preventDefault();
    setSaved(false);
    const quietHours = from || until ? { from, until } : null;
    const input = {
      kinds: kinds.map(({ kind, inApp, email, chat }) => ({ kind, inApp, email, chat })),
      digest,
      timeZone,
      quietHours,
    };
    form.run(
      async () => (await request(UPDATE, { input })).updateNotificationPreferences,
      "NotificationPreferences",
      () => setSaved(true),
    );
  }

  if (loading && !data) return <Loading what="your preferences" />;
  return (
    <form onSubmit={save} aria-labelledby="prefs-h">
      <PageTitle>Notification preferences</PageTitle>
      <p>
        <a href={href("notifications")}>Back to notifications</a>
      </p>
      <ErrorNote message={error} />
      <h2 id="prefs-h">What reaches you, and where</h2>
      <table class="prefs">
        <thead>
          <tr>
            <th scope="col">Notification</th>
            {CHANNELS.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.kind}>
              <th scope="row">{k.label}</th>
              {CHANNELS.map(([key, label]) => (
                <td key={key}>
                  <input
                    type="checkbox"
                    aria-label={`${k.label}: ${label}`}
                    checked={Boolean(k[key])}
                    onChange={(e) => toggle(k.kind, key, e.currentTarget.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <SelectField
        label="E-mail digest"
        name="digest"
        value={digest}
        onChange={(v) => setDigest(v as DigestFrequency)}
        options={DIGESTS}
        errors={form.errors}
      />
      <Field
        label="Time zone"
        name="timeZone"
        hint="An IANA name such as Europe/Lisbon; digests and quiet hours follow it."
        value={timeZone}
        onInput={setTimeZone}
        errors={form.errors}
      />
      <fieldset>
        <legend>Quiet hours (no chat messages; leave both empty for none)</legend>
        <Field
          label="From (HH:MM)"
          name="quietHours.from"
          value={from}
          onInput={setFrom}
          errors={form.errors}
        />
        <Field
          label="Until (HH:MM)"
          name="quietHours.until"
          value={until}
          onInput={setUntil}
          errors={form.errors}
        />
      </fieldset>
      <FormErrors
        errors={form.errors}
        shown={["digest", "timeZone", "quietHours.from", "quietHours.until"]}
      />
      <p class="actions">
        <button type="submit" disabled={form.busy}>
          Save preferences
        </button>
        {saved && (
          <span role="status" class="muted">
            Saved.
          </span>
        )}
      </p>
    </form>
  );
}
