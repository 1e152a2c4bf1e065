/**
 * Thought signatures: opaque base64 blobs the client must echo back unchanged. Real ones reach megabytes, so
 * the size is configurable. Each carries a checksum, so a signature that was cut, re-encoded or invented is
 * rejected the way Google rejects an invalid one, not just a missing one.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('PEELEMU1', 'ascii');
const SEED_BYTES = 32;
const CHECK_BYTES = 16;
export const MIN_SIGNATURE_BYTES = MAGIC.length + SEED_BYTES + CHECK_BYTES;
export const DEFAULT_SIGNATURE_BYTES = 4096;

/** Documented placeholders for history the client made up (e.g. after switching models). */
export const DUMMY_SIGNATURES: readonly string[] = [
  'skip_thought_signature_validator',
  'context_engineering_is_the_way_to_go',
];

function checksum(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest().subarray(0, CHECK_BYTES);
}

/** Deterministic for the same seed and size, so identical requests get identical responses. */
export function makeSignature(seed: string, size: number): string {
  const total = Math.max(MIN_SIGNATURE_BYTES, Math.floor(size));
  const bytes = Buffer.alloc(total);
  MAGIC.copy(bytes, 0);
  const seedHash = createHash('sha256').update(seed).digest();
  seedHash.copy(bytes, MAGIC.length);
  // xorshift keeps megabyte signatures cheap; the bytes only need to look opaque.
  let state = seedHash.readUInt32LE(0) || 1;
  for (let i = MAGIC.length + SEED_BYTES; i < total - CHECK_BYTES; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  checksum(bytes.subarray(0, total - CHECK_BYTES)).copy(bytes, total - CHECK_BYTES);
  return bytes.toString('base64');
}

export function isValidSignature(signature: string): boolean {
  if (DUMMY_SIGNATURES.includes(signature)) return true;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length < MIN_SIGNATURE_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return false;
  // Buffer's decoder skips junk, so compare the re-encoding too: a cut or edited blob must not pass.
  if (
    bytes.toString('base64') !==
    signature
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(signature.length / 4) * 4, '=')
  ) {
    return false;
  }
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
  return checksum(body).equals(bytes.subarray(bytes.length - CHECK_BYTES));
}
