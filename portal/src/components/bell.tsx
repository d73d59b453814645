/** The bell in the header: the unread count, kept current by the notificationReceived
 * subscription and by the inbox when it marks notifications read. */
import { useEffect, useState } from "preact/hooks";
import { graphql } from "../../generated";
import { request } from "../api/client";
import { useSubscription } from "../api/live";
import { href } from "../router";
import { onUnreadChange } from "../pages/notifications/unread";

const COUNT = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

const RECEIVED = graphql(`
  subscription NotificationReceived {
    notificationReceived {
      id
      title
    }
  }
`);

export function Bell({ current }: { current: boolean }) {
  const [unread, setUnread] = useState<number | null>(null);
  const [latest, setLatest] = useState("");
  useEffect(() => {
    request(COUNT)
      .then((data) => setUnread(data.unreadNotificationCount))
      .catch(() => setUnread(null));
    return onUnreadChange(setUnread);
  }, []);
  useSubscription(RECEIVED, {}, (data) => {
    setUnread((n) => (n ?? 0) + 1);
    setLatest(data.notificationReceived.title);
  });
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <a
      class="bell"
      href={href("notifications")}
      aria-label={label}
      aria-current={current ? "page" : undefined}
      title={latest || label}
    >
      <span aria-hidden="true">🔔</span>
      {unread ? (
        <span class="badge" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
      <span class="sr-only" aria-live="polite">
        {latest && `New: ${latest}`}
      </span>
    </a>
  );
}
