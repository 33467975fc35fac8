import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against a real hash when the user does not exist keeps the response time the
// same, so timing does not reveal which emails have accounts.
const DECOY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$BxHOuf+D0YDjTFWPG283Og$S2zT3eWwK2BRRwqmcIDToLIB8jKKHPz5CBrPaPrNAgA";

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DECOY_HASH, password);
    return Boolean(passwordHash) && ok;
  } catch {
    return false;
  }
}

/** A generated password: 20 characters from an unambiguous alphabet, about 115 bits. */
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(20);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

export const MIN_PASSWORD_LENGTH = 12;
