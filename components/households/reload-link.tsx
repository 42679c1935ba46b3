"use client";

/** Reloads the page (a plain link to the same address, so it works without JavaScript too). */
export function ReloadLink({ label }: { label: string }) {
  return (
    <a
      href=""
      onClick={(e) => {
        e.preventDefault();
        window.location.reload();
      }}
      className="mt-2 inline-flex min-h-11 items-center font-medium underline"
    >
      {label}
    </a>
  );
}
