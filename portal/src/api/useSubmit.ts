/** The mutation-form pattern in one hook: busy while it runs, the union's errors by field. */
import { useState } from "preact/hooks";
import { errorsOf, type FieldErrors, type UserErrorResult } from "./client";

interface Typed {
  __typename: string;
}

export interface Submit {
  errors: FieldErrors;
  busy: boolean;
  setErrors: (errors: FieldErrors) => void;
  /** Runs `call`; a result of type `success` goes to `done`, any other member's errors are
   * shown by field, and a failed request as the form's own message. */
  run: <R extends Typed, S extends R["__typename"]>(
    call: () => Promise<R>,
    success: S,
    done: (result: Extract<R, { __typename: S }>) => void,
  ) => Promise<void>;
}

export function useSubmit(): Submit {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function run<R extends Typed, S extends R["__typename"]>(
    call: () => Promise<R>,
    success: S,
    done: (result: Extract<R, { __typename: S }>) => void,
  ) {
    setBusy(true);
    try {
      const result = await call();
      if (result.__typename === success) {
        setErrors({});
        done(result as Extract<R, { __typename: S }>);
      } else {
        setErrors(errorsOf(result as unknown as UserErrorResult));
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
