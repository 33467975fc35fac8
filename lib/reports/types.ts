// The public shapes of the compliance report module (issue 6, part 3). The export job (H4) builds
// a ReportRequest, runs the integrity verifier, and calls writeReport with the result.

export const FRAMEWORKS = ["sox", "hipaa", "pci", "gdpr"] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export type ReportFormat = "pdf" | "csv" | "json";

export type ReportRequest = {
  tenantId: string;
  framework: Framework;
  /** Inclusive start of the period. */
  from: Date;
  /** Exclusive end of the period. */
  to: Date;
  generatedAt: Date;
  generatedBy: string;
};

export type IntegrityFinding = { kind: string; seq: string; eventId?: string; detail: string };

export type IntegrityStatus = {
  status: "ok" | "failed" | "not_verified";
  verifiedAt: string | null;
  eventsChecked: number;
  findings: IntegrityFinding[];
  checkpoint: { seq: string; chainHead: string; signedAt: string; keyId: string } | null;
  note?: string;
};

export type ReportProgress = (p: { phase: string; done: number; total: number }) => void | Promise<void>;

/** All of the tenant's events with time in [from, to). */
export type EventRange = { count: number; firstSeq: string | null; lastSeq: string | null };

export type WrittenReport = { files: { name: string; bytes: number }[]; eventRange: EventRange; evidenceCount: number };

/** A cell of a report table: text or a number, null when unknown. */
export type Cell = string | number | null;

export type TableColumn = {
  key: string;
  label: string /** relative width in the PDF */;
  width: number;
  align?: "right";
};

export type ReportTable = {
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** How many rows there were before the table was cut to its top N. */
  totalRows: number;
};

export type Figure = { key: string; label: string; value: Cell };

/** One section of a report: key figures and bounded tables, the same in the PDF and in report.json. */
export type ReportSection = {
  id: string;
  title: string;
  figures: Figure[];
  tables: ReportTable[];
  notes: string[];
};

export type EvidenceCategory = { id: string; label: string; count: number };

export type ChartSeries = { label: string; value: number }[];

export type ReportHeader = {
  framework: { id: Framework; title: string; citation: string; summary: string };
  tenant: { id: string; slug: string; name: string };
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  /** The report covers events stored up to this sequence number (taken when it started). */
  throughSeq: string;
};

export type ReportContent = {
  header: ReportHeader;
  eventRange: EventRange;
  evidence: { total: number; categories: EvidenceCategory[]; scope: string };
  charts: { eventsOverTime: { unit: "day" | "week" | "month"; series: ChartSeries }; decisions: ChartSeries };
  sections: ReportSection[];
  integrity: IntegrityStatus;
};
