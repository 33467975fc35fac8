#!/usr/bin/env node
// placeholder, replaced by the WASM stand-in
console.log("schema-engine-wasm-standin 0.0.0");
