/** A small typed GraphQL client over fetch; documents are generated from the schema. */
import type { TypedDocumentString } from "../../generated/graphql";
import { expired } from "./oidc";
import { currentSession } from "./session";

export class ApiError extends Error {}

/** One form submission's idempotency key (the `Idempotency-Key` header): made when the form
 * is submitted, kept while that submission is retried with the same input, so a change the
 * server made before its answer was lost is answered again instead of made twice. */
export class Submission {
  private key: string | null = null;
  private sent: string | null = null;

  /** The key for a mutation sending `body`: a new one for other input than the last try. */
  keyFor(body: string): string {
    if (this.key === null || this.sent !== body) this.key = newKey();
    this.sent = body;
    return this.key;
  }

  /** The submission is answered: the next one gets a new key. */
  done(): void {
    this.key = this.sent = null;
  }
}

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // no secure context: no randomUUID
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The submission whose call is starting: `within` sets it while the call runs up to its
// first await, which is where `request` reads it (a form's call starts its mutation at once).
let submitting: Submission | null = null;

/** Runs `call` with the mutations it starts keyed by `submission`. */
export function within<T>(submission: Submission, call: () => Promise<T>): Promise<T> {
  submitting = submission;
  try {
    return call();
  } finally {
    submitting = null;
  }
}

interface GraphQLResponse<R> {
  data?: R;
  errors?: { message: string }[];
}

export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  ...[variables]: V extends Record<string, never> ? [] | [V] : [V]
): Promise<R> {
  const token = currentSession()?.token;
  const body = JSON.stringify({ query: document.toString(), variables });
  const mutation = /^\s*mutation\b/.test(document.toString());
  const key = mutation && submitting ? submitting.keyFor(body) : null;
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { "idempotency-key": key } : {}),
    },
    body,
  });
  if (response.status === 401) {
    expired();
    throw new ApiError("Your session has expired: please sign in again.");
  }
  let answer: GraphQLResponse<R>;
  try {
    answer = (await response.json()) as GraphQLResponse<R>;
  } catch {
    throw new ApiError(`The server answered ${response.status}; please try again.`);
  }
  if (answer.errors?.length) throw new ApiError(answer.errors.map((e) => e.message).join("; "));
  if (!answer.data) throw new ApiError("The server sent no data.");
  return answer.data;
}

/** A mutation's union member that is not the success type. */
export interface UserErrorResult {
  __typename: string;
  message?: string;
  retryAfterSeconds?: number;
  field?: string;
  fields?: { field: string; message: string }[];
}

export type FieldErrors = Record<string, string>;

/** Errors of a mutation result keyed by field; "" holds the message of no field. */
export function errorsOf(result: UserErrorResult): FieldErrors {
  const errors: FieldErrors = {};
  for (const item of result.fields ?? []) errors[item.field] ??= item.message;
  if (!result.fields?.length) errors[""] = messageOf(result);
  return errors;
}

/** A refusal's message; one that may pass (a service unavailable) says when to try again. */
function messageOf(result: UserErrorResult): string {
  const message = result.message ?? "Something went wrong.";
  const wait = result.retryAfterSeconds;
  return wait === undefined ? message : `${message}: try again in ${wait} s.`;
}

/** A refusal that a retry of the same submission may get past. */
export function passing(result: UserErrorResult): boolean {
  return result.__typename === "ServiceUnavailableError";
}
