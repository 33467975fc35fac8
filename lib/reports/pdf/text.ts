import type { Cell } from "../types";

// Helvetica (a standard PDF font, nothing to embed) covers Windows-1252 only; anything else would
// print as garbage, so it is spelled out or replaced before it reaches the page.

const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const SPELLED: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "✓": "ok" };

const ISO_TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/;

/** Text the standard font can print; ISO timestamps shortened to "2026-11-20 10:00:00" (UTC, kept on one line). */
export function pdfText(value: Cell | undefined, max = 400): string {
  if (value === null || value === undefined || value === "") return "–";
  let text = typeof value === "number" ? value.toLocaleString("en-US") : value.replace(ISO_TIME, "$1\u00a0$2");
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch)) out += ch;
    else if (ch === "\n" || ch === "\t") out += " ";
    else out += SPELLED[ch] ?? "?";
  }
  return out;
}

export const COLORS = {
  ink: "#111827",
  muted: "#6b7280",
  rule: "#d1d5db",
  zebra: "#f3f4f6",
  header: "#e5e7eb",
  accent: "#1d4ed8",
  ok: "#15803d",
  okFill: "#f0fdf4",
  bad: "#b91c1c",
  badFill: "#fef2f2",
  neutral: "#4b5563",
  neutralFill: "#f9fafb",
  bars: ["#1d4ed8", "#b91c1c", "#b45309", "#047857", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f"],
};
