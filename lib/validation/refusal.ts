// How lib says no to something the person can fix (docs/decisions: one refusal type).
// `key` is a message key the form translates, `field` the field it belongs beside (null for the
// whole form), `params` the values the message names.
export type RefusalParams = Record<string, string | number>;

export class Refusal extends Error {
  constructor(
    readonly field: string | null,
    readonly key: string,
    readonly params?: RefusalParams,
  ) {
    super(`refused: ${field ?? "form"}: ${key}`);
    this.name = "Refusal";
  }
}
