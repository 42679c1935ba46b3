// What bench:pages and bench:lighthouse print: lines to the console, kept to be written to their
// docs/bench-*.txt, headed by the machine and its load average.
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

/** The load average (1, 5, 15 min), as printed beside every figure. */
export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/** The machine's size and load, the first line of each report. */
export const machineLine = () =>
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average at start ${loadAverage()}`;

/** A report printed as it goes; `save` writes it to `file` unless that is "-". */
export function report() {
  const lines: string[] = [];
  return {
    out(line = "") {
      lines.push(line);
      console.log(line);
    },
    save(file: string) {
      if (file !== "-") writeFileSync(file, lines.join("\n") + "\n");
    },
  };
}
