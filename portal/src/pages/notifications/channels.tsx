/** Admins: chat channels (Slack, Teams, a signed JSON webhook) for a team or the whole
 * organisation, each hearing the kinds chosen; a test message; parked deliveries retried. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { ChatChannelKind } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useQuery } from "../../api/useQuery";
import { commaList, useSubmit } from "../../api/useSubmit";
import {
  Empty,
  ErrorNote,
  Field,
  FormErrors,
  Loading,
  PageTitle,
  SelectField,
  when,
} from "../../components/ui";

const CHANNELS = graphql(`
  query ChatChannels {
    chatChannels {
      id
      kind
      url
      teamIds
      kinds
      createdAt
    }
    chatDeliveries(status: PARKED) {
      id
      channelId
      title
      attempts
      lastError
      createdAt
    }
    notificationPreferences {
      kinds {
        kind
        label
        teamVisible
      }
    }
  }
`);

const CREATE = graphql(`
  mutation CreateChatChannel($input: CreateChatChannelInput!) {
    createChatChannel(input: $input) {
      __typename
      ... on ChatChannel {
        id
        secret
      }
      ...Refusal
    }
  }
`);

const TEST = graphql(`
  mutation TestChatChannel($id: ID!) {
    testChatChannel(id: $id) {
      __typename
      ... on ChatChannelTest {
        ok
        error
      }
      ...Refusal
    }
  }
`);

const DELETE = graphql(`
  mutation DeleteChatChannel($id: ID!) {
    deleteChatChannel(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

const RETRY = graphql(`
  mutation RetryChatDelivery($id: ID!) {
    retryChatDelivery(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

const KINDS: [ChatChannelKind, string][] = [
  ["SLACK", "Slack (incoming webhook)"],
  ["TEAMS", "Microsoft Teams (Workflows webhook)"],
  ["WEBHOOK", "Generic JSON webhook (signed)"],
];

export function ChatChannels() {
  const { data, loading, error, reload } = useQuery(CHANNELS, {});
  const [status, setStatus] = useState<string | null>(null);

  async function act(what: string, call: () => Promise<{ __typename: string; message?: string }>) {
    setStatus(null);
    try {
      const result = await call();
      setStatus(result.message ?? what);
      reload();
    } catch (e) {
      setStatus((e as Error).message);
    }
  }

  async function test(id: string) {
    setStatus(null);
    try {
      const result = (await request(TEST, { id })).testChatChannel;
      if (result.__typename === "ChatChannelTest")
        setStatus(
          result.ok ? "The test message was delivered." : `The test failed: ${result.error}`,
        );
      else setStatus(result.message ?? "Could not test it.");
    } catch (e) {
      setStatus((e as Error).message);
    }
  }

  return (
    <section aria-labelledby="channels-h">
      <PageTitle>Chat channels</PageTitle>
      <ErrorNote message={error} />
      {status && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
      <h2 id="channels-h">Connected channels</h2>
      {loading && !data && <Loading what="chat channels" />}
      {data && data.chatChannels.length === 0 && (
        <Empty>No channel yet: connect a team to Slack, Teams or a webhook below.</Empty>
      )}
      <ul class="channels">
        {data?.chatChannels.map((c) => (
          <li key={c.id}>
            <strong>{c.kind}</strong> <code>{c.url}</code>
            <p class="meta">
              {c.teamIds.length ? `Teams: ${c.teamIds.join(", ")}` : "The whole organisation"} ·{" "}
              {c.kinds.join(", ")} · since {when(c.createdAt)}
            </p>
            <button type="button" onClick={() => test(c.id)}>
              Send a test
            </button>{" "}
            <button
              type="button"
              onClick={() =>
                act(
                  "Channel removed.",
                  async () => (await request(DELETE, { id: c.id })).deleteChatChannel,
                )
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <h2>Parked deliveries</h2>
      {data && data.chatDeliveries.length === 0 && <Empty>No delivery is parked.</Empty>}
      <ul class="channels">
        {data?.chatDeliveries.map((d) => (
          <li key={d.id}>
            <strong>{d.title}</strong>
            <p class="meta">
              {d.attempts} attempts · last error: {d.lastError ?? "none"} · {when(d.createdAt)}
            </p>
            <button
              type="button"
              onClick={() =>
                act(
                  "Queued again.",
                  async () => (await request(RETRY, { id: d.id })).retryChatDelivery,
                )
              }
            >
              Retry now
            </button>
          </li>
        ))}
      </ul>
      <NewChannel
        kinds={(data?.notificationPreferences.kinds ?? []).filter((k) => k.teamVisible)}
        onCreated={reload}
      />
    </section>
  );
}

function NewChannel({
  kinds,
  onCreated,
}: {
  kinds: { kind: string; label: string }[];
  onCreated: () => void;
}) {
  const form = useSubmit();
  const [kind, setKind] = useState<ChatChannelKind>("SLACK");
  const [url, setUrl] = useState("");
  const [teams, setTeams] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);

  function create(e: Event) {
    e.preventDefault();
    const input = { kind, url, teamIds: commaList(teams), kinds: chosen };
    form.run(
      async () => (await request(CREATE, { input })).createChatChannel,
      "ChatChannel",
      (channel) => {
        setSecret(channel.secret ?? null);
        setUrl("");
        onCreated();
      },
    );
  }

  return (
    <form onSubmit={create} aria-labelledby="new-channel-h">
      <h2 id="new-channel-h">Connect a channel</h2>
      <SelectField
        label="Kind"
        name="kind"
        value={kind}
        onChange={(v) => setKind(v as ChatChannelKind)}
        options={KINDS}
        errors={form.errors}
      />
      <Field
        label="Webhook URL"
        name="url"
        type="url"
        hint="https only"
        value={url}
        onInput={setUrl}
        errors={form.errors}
        required
      />
      <Field
        label="Teams"
        name="teamIds"
        hint="Comma-separated; empty for the whole organisation"
        value={teams}
        onInput={setTeams}
        errors={form.errors}
      />
      <fieldset>
        <legend>Kinds it hears (at least one)</legend>
        {kinds.map((k) => (
          <label key={k.kind} class="check">
            <input
              type="checkbox"
              checked={chosen.includes(k.kind)}
              onChange={(e) =>
                setChosen(
                  e.currentTarget.checked
                    ? [...chosen, k.kind]
                    : chosen.filter((c) => c !== k.kind),
                )
              }
            />{" "}
            {k.label}
          </label>
        ))}
      </fieldset>
      {form.errors.kinds && (
        <p class="field-error" role="alert">
          {form.errors.kinds}
        </p>
      )}
      <FormErrors errors={form.errors} shown={["kind", "url", "teamIds", "kinds"]} />
      <p class="actions">
        <button type="submit" disabled={form.busy}>
          Connect
        </button>
      </p>
      {secret && (
        <p role="status">
          Signing secret (shown once; the receiver checks <code>X-Kaizen-Signature</code> with it):{" "}
          <code>{secret}</code>
        </p>
      )}
    </form>
  );
}
