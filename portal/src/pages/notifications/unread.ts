/** The unread count as the inbox last learned it, for the bell to show without a refetch. */
const listeners = new Set<(count: number) => void>();

export function onUnreadChange(listener: (count: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function unreadChanged(count: number): void {
  listeners.forEach((listener) => listener(count));
}
