import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { disconnectDb } from "./db";
import { ensureDemoPhiPatterns } from "./demo/phi-patterns";
import { getPhiPatterns, MAX_PHI_PATTERNS, setPhiPatterns } from "./tenant-settings";
import { createTenant } from "./tenants";

// PHI patterns against real Postgres: validation, replacement with what changed, per tenant.

afterAll(() => disconnectDb());
const newTenant = () => createTenant(`phi-${randomBytes(4).toString("hex")}`);

describe("PHI patterns", () => {
  it("stores trimmed, deduplicated patterns and reports what was added and removed", async () => {
    const tenant = await newTenant();
    expect(await getPhiPatterns(tenant.id)).toEqual([]);
    const first = await setPhiPatterns(tenant.id, { patterns: [" ehr.* ", "fhir://patients/*", "ehr.*"] });
    expect(first).toEqual({
      patterns: ["ehr.*", "fhir://patients/*"],
      previous: [],
      added: ["ehr.*", "fhir://patients/*"],
      removed: [],
    });
    const second = await setPhiPatterns(tenant.id, { patterns: ["fhir://patients/*", "lab.*"] });
    expect(second).toMatchObject({ added: ["lab.*"], removed: ["ehr.*"] });
    expect(await getPhiPatterns(tenant.id)).toEqual(["fhir://patients/*", "lab.*"]);
    const other = await newTenant();
    expect(await getPhiPatterns(other.id)).toEqual([]);
  });

  it.each([
    ["an empty pattern", [" "]],
    ["a pattern over 200 characters", ["x".repeat(201)]],
    ["a control character", ["ehr.\u0007*"]],
    [`more than ${MAX_PHI_PATTERNS} patterns`, Array.from({ length: MAX_PHI_PATTERNS + 1 }, (_, i) => `p${i}.*`)],
  ])("refuses %s and keeps the stored list", async (_label, patterns) => {
    const tenant = await newTenant();
    await setPhiPatterns(tenant.id, { patterns: ["kept.*"] });
    await expect(setPhiPatterns(tenant.id, { patterns })).rejects.toBeInstanceOf(ZodError);
    expect(await getPhiPatterns(tenant.id)).toEqual(["kept.*"]);
  });

  it("accepts exactly 50 patterns of 200 characters", async () => {
    const tenant = await newTenant();
    const patterns = Array.from({ length: MAX_PHI_PATTERNS }, (_, i) => `${i}`.padEnd(200, "*"));
    expect((await setPhiPatterns(tenant.id, { patterns })).patterns).toHaveLength(50);
  });

  it("demo patterns are set once and never overwrite an admin's list", async () => {
    const tenant = await newTenant();
    await ensureDemoPhiPatterns(tenant.id);
    expect(await getPhiPatterns(tenant.id)).toContain("workday.*");
    await setPhiPatterns(tenant.id, { patterns: ["mine.*"] });
    await ensureDemoPhiPatterns(tenant.id);
    expect(await getPhiPatterns(tenant.id)).toEqual(["mine.*"]);
  });
});
