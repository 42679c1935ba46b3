import { FormMessage } from "@/components/forms/field";

/** The outcome of the last action, carried in the address after its redirect. */
export function Notice({ text }: { text: string | null }) {
  return <div aria-live="polite">{text ? <FormMessage tone="success">{text}</FormMessage> : null}</div>;
}
