export function FoundationHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-6 py-4">
        {/* biome-ignore lint/performance/noImgElement: a 24px static SVG needs no image optimisation */}
        <img src="/favicon.svg" alt="" width={24} height={24} />
        <span className="text-base font-semibold tracking-tight text-slate-900 dark:text-slate-50">Attest</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          foundation
        </span>
      </div>
    </header>
  );
}
