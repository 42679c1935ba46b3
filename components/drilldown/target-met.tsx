/** Met or not at a glance: an icon and the words (never colour alone). */
export function TargetMet({ met, label }: { met: boolean; label: string }) {
  return met ? (
    <span className="inline-flex items-center gap-1 font-semibold text-green-800">
      <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 fill-current">
        <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm4.3 6.7-5 5a1 1 0 0 1-1.4 0l-2.2-2.2 1.4-1.4 1.5 1.5 4.3-4.3 1.4 1.4Z" />
      </svg>
      {label}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 font-medium text-amber-900">
      <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 fill-current">
        <path d="M10 1a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm1 13H9v-2h2v2Zm0-4H9V5h2v5Z" />
      </svg>
      {label}
    </span>
  );
}
