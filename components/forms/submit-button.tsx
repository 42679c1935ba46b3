"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";

/** Disabled while its form is submitting, so a double click sends one request. */
export function SubmitButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </Button>
  );
}
