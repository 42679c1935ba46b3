/** A labelled volunteer picker for a row's assignment form. */
export function VolunteerSelect({
  id,
  label,
  volunteers,
  placeholder,
  exclude,
}: {
  id: string;
  label: string;
  volunteers: { id: number; name: string }[];
  placeholder: string;
  exclude?: number;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name="volunteerId"
        required
        defaultValue=""
        className="min-h-11 max-w-56 rounded-lg border border-slate-400 bg-white px-3 py-2"
      >
        <option value="" disabled>
          {placeholder}
        </option>
        {volunteers
          .filter((v) => v.id !== exclude)
          .map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
      </select>
    </div>
  );
}
