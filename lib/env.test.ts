import { afterEach, describe, expect, it } from "vitest";
import { databaseUrl, env } from "./env";

// Launchers set DATABASE_URL after modules that read env() at import time (the logger) have
// loaded; databaseUrl() must see the value set later, or `npm run dev` fails after seeding.
describe("databaseUrl", () => {
  const original = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = original;
  });

  it("reads DATABASE_URL when called, not when env() was first parsed", () => {
    env();
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:5999/later";
    expect(databaseUrl()).toBe("postgresql://postgres@127.0.0.1:5999/later");
  });

  it("says how to get a database when it is not set", () => {
    delete process.env.DATABASE_URL;
    expect(() => databaseUrl()).toThrow(/npm run dev/);
  });
});
