// A labelled input with its hint and its message beside it, wired for assistive technology (aria-invalid,
// aria-describedby).
import type { ReactNode } from "react";

type Common = {
  id: string;
  label: ReactNode;
  value: string;
  error: string | null;
  onChange(value: string): void;
  hint?: ReactNode;
};

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error: string | null }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField(
  props: Common & {
    inputMode?: "text" | "decimal" | "numeric";
    placeholder?: string;
    autoComplete?: string;
    suffix?: string;
  },
) {
  const { id, label, value, error, onChange, hint, inputMode, placeholder, autoComplete, suffix } = props;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <span className="input-row">
        <input
          id={id}
          name={id}
          type="text"
          value={value}
          inputMode={inputMode ?? "text"}
          placeholder={placeholder}
          autoComplete={autoComplete ?? "off"}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
          onChange={(e) => onChange(e.target.value)}
        />
        {suffix ? (
          <span aria-hidden="true" className="suffix">
            {suffix}
          </span>
        ) : null}
      </span>
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField(props: Common & { rows?: number }) {
  const { id, label, value, error, onChange, hint, rows } = props;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={id}
        rows={rows ?? 2}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        onChange={(e) => onChange(e.target.value)}
      />
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[] }) {
  const { id, label, value, error, onChange, hint, options } = props;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}
