/** Small building blocks every page uses: titles, states, fields and form errors. */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import type { FieldErrors } from "../api/client";

export function PageTitle({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

export function ErrorNote({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  errors?: FieldErrors;
  hint?: string;
  multiline?: boolean;
  type?: "text" | "search" | "email" | "number" | "date" | "datetime-local" | "url";
  required?: boolean;
  list?: string;
}

export function Field(props: FieldProps) {
  const id = useId();
  const error = props.errors?.[props.name];
  const describedBy = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  const common = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy.join(" ") || undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      {props.hint && <small id={`${id}-hint`}>{props.hint}</small>}
      {props.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={props.type ?? "text"} list={props.list} {...common} />
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The errors no field on the form shows: the form's own message and unknown fields. */
export function FormErrors({ errors, shown }: { errors: FieldErrors; shown: string[] }) {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (!rest.length) return null;
  return (
    <div class="error" role="alert">
      {rest.map(([field, message]) => (
        <p key={field}>
          {field ? `${field}: ` : ""}
          {message}
        </p>
      ))}
    </div>
  );
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function day(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}

interface SelectProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  errors?: FieldErrors;
}

/** A labelled <select> of [value, label] options; its error shows under it. */
export function SelectField(props: SelectProps) {
  const id = useId();
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
