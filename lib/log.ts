import pino from "pino";
import { env } from "./env";

// One structured logger. Never log event payloads or keys: they may carry personal data.
export const log = pino({ level: env().LOG_LEVEL, base: { service: "attest" } });
