import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children?: ReactNode;
} & Omit<ComponentProps<"input">, "name">;

/** The one form field: a label, the input, a hint, and the error beside it (announced). */
export function Field({ name, label, hint, error, className, children, ...input }: FieldProps) {
  const id = input.id ?? `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="font-medium text-slate-900">
        {label}
      </label>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          className={cn(
            "min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900",
            error ? "border-red-600" : "border-slate-400",
          )}
          {...input}
        />
      )}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormMessage({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-lg border px-3 py-2",
        tone === "error" ? "border-red-300 bg-red-50 text-red-800" : "border-green-300 bg-green-50 text-green-900",
      )}
    >
      {children}
    </div>
  );
}
