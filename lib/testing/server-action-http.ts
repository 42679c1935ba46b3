// Calling a server action over HTTP as the browser does (e2e/faults.spec.ts, bench/saturday.ts):
// POST to the page the form is on, with the action's id in the `Next-Action` header and the
// arguments in React's reply encoding.
import { readFileSync } from "node:fs";
import path from "node:path";

/** The id a production build gave a server action, by the name it is exported under and its file. */
export function serverActionId(root: string, distDir: string, exportedName: string, file: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).filter(([, a]) => a.exportedName === exportedName && a.filename === file);
  if (found.length !== 1) throw new Error(`server action ${exportedName} of ${file}: ${found.length} found in ${distDir}`);
  return found[0][0];
}

/**
 * The body of a call `action(previousState, formData)`: the form's fields first, then the
 * arguments that refer to them (the server reads the body as a stream; a FormData keeps this
 * order, an object would put "0" first). Repeated fields (ticked checkboxes) are arrays.
 */
export function actionFormData(fields: Record<string, string | string[]>, previousState: unknown = { ok: false }): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(`_1_${k}`, one);
  body.append("0", JSON.stringify([previousState, "$K1"]));
  return body;
}
