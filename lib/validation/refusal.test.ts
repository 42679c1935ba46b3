import { forbidden as nextForbidden, notFound as nextNotFound } from "next/navigation";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Forbidden, NotFound, parseInput, Refusal } from "@/lib/validation/refusal";
import { formAction } from "@/lib/validation/form-state";

function digestOf(fn: () => never): string {
  try {
    fn();
  } catch (err) {
    return String((err as { digest?: unknown }).digest);
  }
  throw new Error("did not throw");
}

describe("lib's refusals", () => {
  // The one place lib's errors meet Next: if Next changes how forbidden()/notFound() are told
  // apart, this fails before a 403 turns into a 500.
  it("Forbidden and NotFound carry the digests of Next's forbidden() and notFound()", () => {
    expect(new Forbidden().digest).toBe(digestOf(nextForbidden));
    expect(new NotFound().digest).toBe(digestOf(nextNotFound));
  });

  it("parseInput returns the data, or refuses with the first issue beside its field", () => {
    const schema = z.object({ a: z.string().min(1, "aRequired"), b: z.number({ error: "bInvalid" }) });
    expect(parseInput(schema, { a: "x", b: 1 })).toEqual({ a: "x", b: 1 });
    expect(() => parseInput(schema, { a: "", b: "no" })).toThrow(expect.objectContaining({ field: "a", key: "aRequired" }));
    expect(() => parseInput(z.string("notText"), 3)).toThrow(expect.objectContaining({ field: null, key: "notText" }));
  });

  it("formAction turns a Refusal into the form's state and lets everything else pass", async () => {
    const values = { name: "An" };
    expect(await formAction(async () => ({ ok: true }))).toEqual({ ok: true });
    expect(await formAction(() => Promise.reject(new Refusal("name", "nameTaken", { n: 2 })), values)).toEqual({
      ok: false,
      fieldErrors: { name: "nameTaken" },
      params: { n: 2 },
      values,
    });
    expect(await formAction(() => Promise.reject(new Refusal(null, "stale")))).toEqual({ ok: false, formError: "stale" });
    expect(await formAction(() => Promise.reject(Refusal.withData(null, "duplicates", [{ id: 1 }])), values)).toEqual({
      ok: false,
      formError: "duplicates",
      data: [{ id: 1 }],
      values,
    });
    await expect(formAction(() => Promise.reject(new Forbidden()))).rejects.toBeInstanceOf(Forbidden);
    await expect(formAction(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});
