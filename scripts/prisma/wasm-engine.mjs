// Loads @prisma/schema-engine-wasm by hand (Node cannot import .wasm modules directly) and
// creates a SchemaEngine bound to a driver adapter factory.
import { readFile } from "node:fs/promises";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

class PanicRegistry {
  message = "";
  get() {
    return this.message;
  }
  set_message(message) {
    this.message = `RuntimeError: ${message}`;
  }
}

let gluePromise;

async function loadGlue() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = new URL("schema_engine_bg.wasm", import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

export function wasmGlue() {
  gluePromise ??= loadGlue();
  return gluePromise;
}

export async function wasmVersion() {
  return (await wasmGlue()).version();
}

/** Last panic message recorded by the WASM module, if any. */
export function lastPanicMessage() {
  return globalThis.PRISMA_WASM_PANIC_REGISTRY?.get() || undefined;
}

/**
 * @param {{ datamodels: [string, string][], adapterFactory: object, onLog: (message: string) => void }} options
 */
export async function createSchemaEngine({ datamodels, adapterFactory, onLog }) {
  const glue = await wasmGlue();
  return glue.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    onLog,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
