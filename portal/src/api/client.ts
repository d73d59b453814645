/** A small typed GraphQL client over fetch; documents are generated from the schema. */
import type { TypedDocumentString } from "../../generated/graphql";
import { expired } from "./oidc";
import { currentSession } from "./session";

export class ApiError extends Error {}

interface GraphQLResponse<R> {
  data?: R;
  errors?: { message: string }[];
}

export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  ...[variables]: V extends Record<string, never> ? [] | [V] : [V]
): Promise<R> {
  const token = currentSession()?.token;
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  if (response.status === 401) {
    expired();
    throw new ApiError("Your session has expired: please sign in again.");
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await response.json()) as GraphQLResponse<R>;
  } catch {
    throw new ApiError(`The server answered ${response.status}; please try again.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join("; "));
  if (!body.data) throw new ApiError("The server sent no data.");
  return body.data;
}

/** A mutation's union member that is not the success type. */
export interface UserErrorResult {
  __typename: string;
  message?: string;
  field?: string;
  fields?: { field: string; message: string }[];
}

export type FieldErrors = Record<string, string>;

/** Errors of a mutation result keyed by field; "" holds the message of no field. */
export function errorsOf(result: UserErrorResult): FieldErrors {
  const errors: FieldErrors = {};
  for (const item of result.fields ?? []) errors[item.field] ??= item.message;
  if (!result.fields?.length) errors[""] = result.message ?? "Something went wrong.";
  return errors;
}
