import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/keys/api-tokens";
import { tenantWithKey } from "@/lib/testing/fixtures";
import { GET, PUT } from "./route";
import { POST as RESTORE } from "./versions/[version]/restore/route";
import { GET as VERSIONS } from "./versions/route";

// The CI/CD path of rules as code, through the real route handlers and a real API token:
// export, edit, dry run, apply (guarded by If-Match), history and restore.

const example = readFileSync(
  path.resolve(import.meta.dirname, "../../../../lib/alerts/rules/example-rules.yaml"),
  "utf8",
);
const url = "http://attest.test/api/v1/alert-rules";

async function ci() {
  const { tenant } = await tenantWithKey("rules-api");
  const { token, prefix } = await createApiToken(tenant.id, {
    name: "ci",
    scopes: ["rules:write"],
    createdBy: "ops@example.com",
  });
  const call = (handler: typeof GET, href: string, init: RequestInit = {}, params: Record<string, string> = {}) =>
    handler(
      new Request(href, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as object) } }),
      { params: Promise.resolve(params) },
    );
  const put = (body: string, query = "", headers: Record<string, string> = {}) =>
    call(PUT, `${url}${query}`, { method: "PUT", body, headers: { "content-type": "application/yaml", ...headers } });
  return { tenant, token, prefix, call, put };
}

describe("PUT/GET /api/v1/alert-rules with an API token", () => {
  it("round-trips: export, edit, dry run, apply, history, restore", async () => {
    const { call, put, prefix } = await ci();
    const empty = await call(GET, url);
    expect(empty.status).toBe(200);
    expect(empty.headers.get("etag")).toBe('"0"');
    expect(await empty.text()).toContain("rules: []");

    const first = await put(example, "", { "if-match": '"0"' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ dryRun: false, version: 1, changed: true });

    const exported = await call(GET, url);
    expect(exported.headers.get("content-type")).toContain("application/yaml");
    const edited = (await exported.text()).replace("count: 5", "count: 3");
    const dry = await put(edited, "?dryRun=1");
    expect(await dry.json()).toMatchObject({
      dryRun: true,
      version: 1,
      changed: true,
      diff: { changed: [{ id: "denial-burst", changes: [{ field: "count", before: 5, after: 3 }] }] },
    });
    expect((await call(GET, `${url}?format=json`).then((r) => r.json())).version).toBe(1);

    expect((await put(edited, "", { "if-match": '"1"' })).status).toBe(200);
    // A stale If-Match is refused: someone else applied version 2 in between.
    const stale = await put(example, "", { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect((await stale.json()).error.code).toBe("version_conflict");

    const restored = await call(RESTORE, `${url}/versions/1/restore`, { method: "POST" }, { version: "1" });
    expect(await restored.json()).toMatchObject({ version: 3 });
    const versions = (await (await call(VERSIONS, `${url}/versions`)).json()).versions as {
      version: number;
      source: string;
      actor: string;
    }[];
    expect(versions.map((v) => [v.version, v.source, v.actor])).toEqual([
      [3, "restore", `token:${prefix} (ci)`],
      [2, "api", `token:${prefix} (ci)`],
      [1, "api", `token:${prefix} (ci)`],
    ]);
  });

  it("refuses bad documents, content types, tokens and other tenants' versions, storing nothing", async () => {
    const { call, put, tenant, prefix } = await ci();
    const bad = await put(example.replace("window: 5m", "window: later"));
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe("invalid_rules");
    expect(body.error.message).toMatch(/rules\[0\]\.window \(line \d+\): must be a duration/);
    expect((await put("{}", "", { "content-type": "text/html" })).status).toBe(415);
    expect((await call(GET, `${url}?format=json`).then((r) => r.json())).version).toBe(0);

    const other = await ci();
    await other.put(example);
    expect((await call(RESTORE, `${url}/versions/1/restore`, { method: "POST" }, { version: "1" })).status).toBe(404);

    const anonymous = await GET(new Request(url, { headers: { authorization: "Bearer attest_api_nope_nope" } }));
    expect(anonymous.status).toBe(401);
    await revokeApiToken(prefix, tenant.id);
    expect((await call(GET, url)).status).toBe(401);
  });
});
