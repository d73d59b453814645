/** The mutation-form pattern in one hook: busy while it runs, the union's errors by field. */
import { useRef, useState } from "preact/hooks";
import {
  errorsOf,
  type FieldErrors,
  passing,
  Submission,
  type UserErrorResult,
  within,
} from "./client";

interface Typed {
  __typename: string;
}

export interface Submit {
  errors: FieldErrors;
  busy: boolean;
  setErrors: (errors: FieldErrors) => void;
  /** Runs `call`; a result of type `success` goes to `done`, any other member's errors are
   * shown by field, and a failed request as the form's own message. The mutation `call`
   * starts carries the submission's idempotency key: the same one when the form is sent
   * again after a failed request or a ServiceUnavailableError, a new one after an answer. */
  run: <R extends Typed, S extends R["__typename"]>(
    call: () => Promise<R>,
    success: S,
    done: (result: Extract<R, { __typename: S }>) => void,
  ) => Promise<void>;
}

export function useSubmit(): Submit {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const submission = useRef(new Submission()).current;
  async function run<R extends Typed, S extends R["__typename"]>(
    call: () => Promise<R>,
    success: S,
    done: (result: Extract<R, { __typename: S }>) => void,
  ) {
    setBusy(true);
    try {
      const result = await within(submission, call);
      const refusal = result as unknown as UserErrorResult;
      if (!passing(refusal)) submission.done();
      if (result.__typename === success) {
        setErrors({});
        done(result as Extract<R, { __typename: S }>);
      } else {
        setErrors(errorsOf(refusal));
      }
    } catch (error) {
      setErrors({ "": (error as Error).message });
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, setErrors, run };
}

/** "a, b ,, c" -> ["a", "b", "c"] */
export function commaList(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
