// A form's values and messages. Submitting checks every field first; if any is wrong, the messages appear next to
// the fields, focus moves to the first wrong one, and nothing is sent.
import { type FormEvent, useCallback, useId, useState } from "react";

export type FieldErrors<K extends string> = Partial<Record<K, string | null>>;

export function useForm<K extends string>(
  initial: Record<K, string>,
  validate: (values: Record<K, string>) => FieldErrors<K>,
) {
  const formId = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});

  const idOf = useCallback((field: K) => `${formId}-${field}`, [formId]);

  const bind = (field: K) => ({
    id: idOf(field),
    value: values[field],
    error: errors[field] ?? null,
    onChange: (value: string) => {
      setValues((v) => ({ ...v, [field]: value }));
      if (errors[field]) setErrors((e) => ({ ...e, [field]: null }));
    },
  });

  const onSubmit = (onValid: (values: Record<K, string>) => void) => (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    const firstWrong = (Object.keys(values) as K[]).find((k) => found[k]);
    if (firstWrong !== undefined) {
      document.getElementById(idOf(firstWrong))?.focus();
      return;
    }
    onValid(values);
  };

  const reset = () => {
    setValues(initial);
    setErrors({});
  };

  return { values, errors, bind, onSubmit, reset, setValues };
}
