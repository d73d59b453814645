import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { TypedDocumentString } from "../../generated/graphql";
import { request } from "./client";

export interface QueryState<R> {
  data: R | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when its variables change; a newer answer always wins over an older one. */
export function useQuery<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  skip = false,
): QueryState<R> {
  const [state, setState] = useState<Omit<QueryState<R>, "reload">>({
    data: null,
    error: null,
    loading: !skip,
  });
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    const call = ++latest.current;
    if (skip) return setState({ data: null, error: null, loading: false });
    setState((s) => ({ ...s, loading: true, error: null }));
    (request as (d: TypedDocumentString<R, V>, v: V) => Promise<R>)(document, variables)
      .then((data) => call === latest.current && setState({ data, error: null, loading: false }))
      .catch(
        (e: Error) =>
          call === latest.current && setState((s) => ({ ...s, error: e.message, loading: false })),
      );
  }, [document, key, version, skip]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/** The value after it stopped changing for `ms` milliseconds. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
