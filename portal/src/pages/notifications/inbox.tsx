/** The inbox: the signed-in person's notifications, newest first, unread ones marked;
 * mark one or all read; new ones arrive live; pages of 20. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { request } from "../../api/client";
import { useSubscription } from "../../api/live";
import { hasRole } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { Empty, ErrorNote, Loading, PageTitle, when } from "../../components/ui";
import { href } from "../../router";
import { unreadChanged } from "./unread";
import { Pager } from "../../components/pager";

const INBOX = graphql(`
  query Inbox($first: Int!, $after: String, $unreadOnly: Boolean!) {
    unreadNotificationCount
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          kind
          title
          body
          subjectType
          subjectTitle
          link
          createdAt
          readAt
        }
      }
    }
  }
`);

const MARK = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean!) {
    markNotificationsRead(ids: $ids, all: $all) {
      __typename
      ... on NotificationsMarkedRead {
        unreadCount
      }
      ...Refusal
    }
  }
`);

const ARRIVED = graphql(`
  subscription InboxArrivals {
    notificationReceived {
      id
    }
  }
`);

const PAGE = 20;

/** A notification's link opens in this tab's portal: the route after "#". */
function inApp(link: string): string {
  const hash = link.indexOf("#");
  return hash >= 0 ? link.slice(hash) : link;
}

export function Inbox() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [error, setError] = useState<string | null>(null);
  const after = cursors[cursors.length - 1];
  const {
    data,
    loading,
    error: failed,
    reload,
  } = useQuery(INBOX, {
    first: PAGE,
    after,
    unreadOnly,
  });
  useSubscription(ARRIVED, {}, () => cursors.length === 1 && reload());

  async function mark(ids: string[] | null) {
    setError(null);
    try {
      const result = (await request(MARK, { ids, all: ids === null })).markNotificationsRead;
      if (result.__typename !== "NotificationsMarkedRead") {
        setError("message" in result ? (result.message ?? null) : "Could not mark them read.");
        return;
      }
      unreadChanged(result.unreadCount);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const page = data?.notifications;
  const unread = data?.unreadNotificationCount ?? 0;
  return (
    <section aria-labelledby="inbox-h">
      <PageTitle>Notifications</PageTitle>
      <p class="actions">
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.currentTarget.checked);
              setCursors([null]);
            }}
          />{" "}
          Unread only
        </label>
        <button type="button" disabled={!unread} onClick={() => mark(null)}>
          Mark all read
        </button>
        <a href={href("notifications", "preferences")}>Preferences</a>
        {hasRole("admin") && <a href={href("notifications", "channels")}>Chat channels</a>}
      </p>
      <h2 id="inbox-h" class="sr-only">
        Your notifications
      </h2>
      <ErrorNote message={error ?? failed} />
      {loading && !data && <Loading what="notifications" />}
      {page && page.totalCount === 0 && (
        <Empty>
          {unreadOnly
            ? "Nothing unread."
            : "Nothing yet: you will hear here when something happens to your ideas, experiments and applications."}
        </Empty>
      )}
      <ul class="inbox">
        {page?.edges.map(({ node: n }) => (
          <li key={n.id} class={n.readAt ? "notice" : "notice unread"}>
            <a href={inApp(n.link)}>
              <strong>{n.title}</strong>
            </a>
            <p>{n.body}</p>
            <p class="meta">
              <span>{n.subjectTitle}</span> <span>{when(n.createdAt)}</span>
              {!n.readAt && (
                <button type="button" class="link" onClick={() => mark([n.id])}>
                  Mark read
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
      {page && (cursors.length > 1 || page.pageInfo.hasNextPage) && (
        <Pager
          label="Pages of notifications"
          cursors={cursors}
          onChange={setCursors}
          pageInfo={page.pageInfo}
          loading={loading}
          labels={["Newer", "Older"]}
        />
      )}
    </section>
  );
}
