import { getPhiPatterns, setPhiPatterns } from "../tenant-settings";

// The demo company (Northwind) runs no health systems, so nothing in its traffic is PHI in the
// strict sense. These patterns mark its closest stand-ins, the records about people: employee
// records (Workday; leave and benefits data is health-adjacent), candidates (Greenhouse), and
// customer records and exports in the CRM. The HIPAA report then has real rows to show. They
// only label existing traffic: the demo's generated events stay exactly the same.
export const DEMO_PHI_PATTERNS = [
  "workday.*",
  "greenhouse.*",
  "https://mcp.people.northwind.example*",
  "crm.lookup_customer",
  "crm.export_customers",
  "crm://accounts/*",
];

/** Sets the demo patterns once; an admin's own list is never overwritten. No audit event. */
export async function ensureDemoPhiPatterns(tenantId: string): Promise<void> {
  if ((await getPhiPatterns(tenantId)).length > 0) return;
  await setPhiPatterns(tenantId, { patterns: DEMO_PHI_PATTERNS });
}
