/** Pages of a cursor connection: the cursors walked so far (null: the first page) and the
 * Previous / Next buttons that walk them. */
interface PagerProps {
  label: string;
  cursors: (string | null)[];
  onChange: (cursors: (string | null)[]) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  loading: boolean;
  pages?: number;
  labels?: [string, string];
}

export function Pager({ label, cursors, onChange, pageInfo, loading, pages, labels }: PagerProps) {
  const [previous, next] = labels ?? ["Previous", "Next"];
  return (
    <nav class="pager" aria-label={label}>
      <button
        type="button"
        disabled={cursors.length === 1 || loading}
        onClick={() => onChange(cursors.slice(0, -1))}
      >
        {previous}
      </button>
      <span>
        Page {cursors.length}
        {pages ? ` of ${pages}` : ""}
      </span>
      <button
        type="button"
        disabled={!pageInfo.hasNextPage || loading}
        onClick={() => onChange([...cursors, pageInfo.endCursor ?? null])}
      >
        {next}
      </button>
    </nav>
  );
}
