import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../lib/database";

// Integration tests run against a real, migrated Postgres database: TEST_DATABASE_URL when
// set, otherwise the one `scripts/test.ts` started (it exports TEST_DATABASE_URL too).
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set; run tests through `npm test`.");
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  project.provide("databaseUrl", url);
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
