/**
 * Sealing for secrets at rest: AES-256-GCM under WIREWATCH_SECRET_KEY, a fresh 96-bit IV
 * per seal. The sealed text is `v1.<iv>.<tag>.<ciphertext>` (base64url). The row's key
 * (the Slack team id) is bound as associated data, so a sealed value copied onto another
 * row does not open. A wrong key or any altered byte fails with `SealError`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../../core/errors.ts";

const VERSION = "v1";

export class SealError extends AppError {
  constructor(message: string, cause?: unknown) {
    super("seal_failed", message, { cause });
  }
}

export interface Sealer {
  seal(plain: string, boundTo: string): string;
  open(sealed: string, boundTo: string): string;
}

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new SealError(`the key must be 32 bytes, not ${key.length}`);
  return {
    seal(plain, boundTo) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(boundTo, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
      return [VERSION, ...parts].join(".");
    },
    open(sealed, boundTo) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
        throw new SealError("not a sealed value");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(boundTo, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch (cause) {
        throw new SealError("cannot open a sealed value (wrong WIREWATCH_SECRET_KEY, or altered)", cause);
      }
    },
  };
}
