/** A branch's adopted families against its target, as a bar (the label says it in words). */
export function TargetProgress({ adopted, target, label }: { adopted: number; target: number; label: string }) {
  const share = target > 0 ? Math.min(1, adopted / target) : 0;
  return (
    <div
      className="mt-2 h-4 rounded bg-slate-100"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={target}
      aria-valuenow={Math.min(adopted, target)}
      aria-label={label}
    >
      <div
        className={adopted >= target ? "h-4 rounded bg-green-600" : "h-4 rounded bg-brand-600"}
        style={{ width: `${share * 100}%` }}
      />
    </div>
  );
}
