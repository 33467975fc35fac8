import type pg from "pg";

// The consent page's reads at bench scale, as cases for `npm run bench:queries`:
//
//   const { consentBenchCases } = await import("./consent-queries");
//   for (const c of await consentBenchCases(tenantId, pool())) results.push(await measure(c.name, c.run, c.target));
//
// Subjects are picked from the seeded data (the person with the most consent activity, one
// with a revocation, the busiest consenting agent), so the cases measure real histories.
// Ranges end at the tenant's newest event, like the other cases, so a reused seed measures the
// same windows however old it is.

import type { BenchCase } from "./stats";

const DAY = 86_400_000;

export async function consentBenchCases(tenantId: string, client: pg.Pool | pg.PoolClient): Promise<BenchCase[]> {
  const { consentHistory } = await import("../../lib/queries/consent-history");
  const { consentSubjects } = await import("../../lib/queries/consent-subjects");
  const { loadConsentContext } = await import("../../lib/flags/consent-load");
  const { rows: facts } = await client.query<{ newest: Date | null }>(
    "SELECT max(time) AS newest FROM events WHERE tenant_id = $1",
    [tenantId],
  );
  const newest = facts[0]?.newest ?? new Date();
  const range = { from: new Date(newest.getTime() - 30 * DAY), to: newest };
  const subjects = await consentSubjects(tenantId, range);
  // Revocations sort first: the first user has one when the seed has any.
  const revoker = subjects.users[0]?.id;
  const busiestUser = [...subjects.users].sort((a, b) => b.events - a.events)[0]?.id;
  const agent = [...subjects.agents].sort((a, b) => b.events - a.events)[0]?.id;
  const client_ = [...subjects.clients].sort((a, b) => b.events - a.events)[0]?.id;

  const cases: BenchCase[] = [
    {
      name: "consents: subject list, 30 d",
      run: async () => {
        const s = await consentSubjects(tenantId, range);
        return s.users.length + s.agents.length + s.clients.length;
      },
      target: 300,
    },
  ];
  const history = (kind: "user" | "agent" | "client", id: string) => async () => {
    const found = await consentHistory(tenantId, { kind, id }, range, newest);
    return (found?.timeline.length ?? 0) + (found?.inForce.length ?? 0);
  };
  if (revoker)
    cases.push({
      name: "consents: history of a user with a revocation, 30 d",
      run: history("user", revoker),
      target: 300,
    });
  if (busiestUser && busiestUser !== revoker)
    cases.push({ name: "consents: history of the busiest user, 30 d", run: history("user", busiestUser), target: 300 });
  if (busiestUser)
    cases.push({
      name: "consents: loadConsentContext (one user, all time)",
      run: async () => (await loadConsentContext(tenantId, [busiestUser])).events.length,
      target: 50,
    });
  if (agent) cases.push({ name: `consents: history of agent ${agent}, 30 d`, run: history("agent", agent) });
  if (client_) cases.push({ name: "consents: history of the busiest client, 30 d", run: history("client", client_) });
  return cases;
}
