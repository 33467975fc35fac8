import { en, Faker } from "@faker-js/faker";
import { AGENTS, type AgentSpec, DEPARTMENTS } from "./agents";
import type { Random } from "./random";
import type { DemoEvent, Principal } from "./types";

// The people and clients of one seeded company. Faker is used only here (names), through
// its own instance so seeding it never disturbs other code that uses the global faker.

export type DemoUser = Principal & { type: "user"; department: string; approver: boolean; ip: string };
export type DemoAgent = AgentSpec & {
  principal: Principal;
  client: NonNullable<DemoEvent["client"]>;
};

export type Cast = { users: DemoUser[]; agents: DemoAgent[]; approvers: DemoUser[] };

const USER_COUNT = 50;

export function buildCast(seed: number, random: Random): Cast {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);

  const taken = new Set<string>();
  const users: DemoUser[] = [];
  for (let i = 0; i < USER_COUNT; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let id = `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
    for (let n = 2; taken.has(id); n++) id = `${first}.${last}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
    taken.add(id);
    // The first few Finance people approve large refunds.
    const department = i < 6 ? "Finance" : (DEPARTMENTS[i % DEPARTMENTS.length] as string);
    users.push({
      type: "user",
      id: `${id}@northwind.example`,
      name: `${first} ${last}`,
      department,
      approver: i < 4,
      ip: `10.${20 + (i % 8)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    });
  }

  const agents = AGENTS.map((spec): DemoAgent => {
    const principal: Principal = { type: spec.kind === "service" ? "service" : "agent", id: spec.id, name: spec.name };
    return { ...spec, principal, client: clientFor(spec, random) };
  });

  return { users, agents, approvers: users.filter((u) => u.approver) };
}

function clientFor(spec: AgentSpec, random: Random): DemoAgent["client"] {
  const base = { name: spec.name, kind: spec.kind, registration: spec.registration };
  switch (spec.registration) {
    case "metadata_document": {
      // CIMD: the client id is the HTTPS URL of its metadata document.
      const url = `https://${spec.id}.agents.example.com/.well-known/oauth-client-metadata.json`;
      return { id: url, ...base, metadataUrl: url };
    }
    case "dynamic":
      return { id: `dcr_${random.hex(24)}`, ...base };
    default:
      return { id: `northwind-${spec.id}`, ...base };
  }
}

/** Users who plausibly work with an agent: its department first, anyone at times. */
export function usersFor(agent: DemoAgent, cast: Cast): DemoUser[] {
  const own = cast.users.filter((u) => u.department === agent.department);
  return own.length >= 3 ? own : cast.users;
}
