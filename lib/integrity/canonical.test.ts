import { describe, expect, it } from "vitest";
import { normalizeEvent } from "../contract/normalize";
import { generateDemoBatches } from "../demo";
import { validateEvent } from "../ingest/validate";
import { canonicalJson, canonicalJsonOfData } from "./canonical";

// The collector's fast canonical form must be byte for byte the library's RFC 8785 form, or
// offline verifiers computing leaves with any JCS implementation would disagree.
describe("canonicalJsonOfData", () => {
  const cases: unknown[] = [
    null,
    true,
    "plain",
    0,
    -0,
    1e21,
    1e-7,
    0.30000000000000004,
    -2.5e-10,
    9007199254740991,
    [],
    {},
    [1, "a", null, [true, {}], { b: 1, a: 2 }],
    { z: 1, a: { y: [3, 2, 1], x: "é" }, "": "empty", é: 1, e: 2, E: 3, "\u00e9\u0301": "combining" },
    { "10": "ten", "9": "nine", a: "letter", "01": "not an index" },
    { nested: { "2": 2, "1": 1 } },
    { undefinedValue: undefined, keep: 1, list: [undefined, 2] },
    { control: "tab\tnew\nline\u0001\u001f", quote: '"\\', emoji: "👩‍👩‍👧‍👦", lineSep: "\u2028\u2029" },
    { "€": 1, "\u{1F600}": 2, "\uFF61": 3, ab: 4, a: 5 },
  ];
  it.each(cases.map((value) => [JSON.stringify(value) ?? "undefined", value]))(
    "matches the library for %s",
    (_, value) => {
      expect(canonicalJsonOfData(value)).toBe(canonicalJson(value));
    },
  );

  it("matches the library on 2,000 demo events, as the collector normalizes them", () => {
    let checked = 0;
    for (const batch of generateDemoBatches({
      seed: 7,
      count: 2_000,
      batchSize: 500,
      tenant: "jcs",
      now: Date.now(),
    })) {
      for (const raw of batch) {
        const validated = validateEvent(raw);
        if (!validated.ok) continue;
        const event = normalizeEvent(validated.event);
        expect(canonicalJsonOfData({ tenantId: "t", event })).toBe(canonicalJson({ tenantId: "t", event }));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1_900);
  });

  it("refuses what JCS refuses", () => {
    expect(() => canonicalJsonOfData({ n: Number.NaN })).toThrow();
    expect(() => canonicalJsonOfData({ s: "\ud800" })).toThrow();
  });
});
