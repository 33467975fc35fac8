// The tenant's PHI patterns (Settings, lib/tenant-settings.ts) as SQL. A pattern is a glob: `*`
// matches any run of characters, everything else is literal, and it is compared with the whole
// target id or resource URI. SQL's LIKE would read `_` and `%` in a pattern as wildcards too, so
// they (and LIKE's escape character, the backslash) are escaped before `*` becomes `%`.

/** `ehr_x/*` → `ehr\_x/%`. */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
}

/** The patterns for `target_id LIKE ANY($n::text[])`. */
export function phiLikePatterns(globs: readonly string[]): string[] {
  return globs.map(globToLike);
}
