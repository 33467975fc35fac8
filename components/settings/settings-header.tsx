import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "./settings-tabs";

export function SettingsHeader({ tenantName }: { tenantName: string }) {
  return (
    <>
      <PageHeader title="Settings" description={`Members, roles, ingest keys and API tokens of ${tenantName}.`} />
      <SettingsTabs />
    </>
  );
}
