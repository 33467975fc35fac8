import { pool } from "../db";
import type { Cell, ReportTable, TableColumn } from "./types";

// Small helpers shared by the section queries.

/** Rows shown per table; the table says how many there were in all. */
export const TOP_N = 20;

export async function query<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
  const { rows } = await pool().query<T>(sql, params);
  return rows;
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export const iso = (v: Date | string | null | undefined): string | null =>
  v === null || v === undefined ? null : new Date(v).toISOString().replace(".000Z", "Z");

export function table(
  id: string,
  caption: string,
  columns: TableColumn[],
  rows: Record<string, Cell>[],
  totalRows = rows.length,
): ReportTable {
  return { id, caption, columns, rows, totalRows };
}

export const col = (key: string, label: string, width: number, align?: "right"): TableColumn =>
  align ? { key, label, width, align } : { key, label, width };

/** A duration for people: 42 s, 3.5 min, 2.1 h, 1.5 d. */
export function duration(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5_400) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 129_600) return `${(seconds / 3_600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
