/** Password hashing with argon2id (the `argon2` package, prebuilt binaries). */
import argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Een wachtwoord heeft hoogstens ${MAX_PASSWORD_LENGTH} tekens.`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  // OWASP's argon2id minimum (19 MiB, 2 passes) keeps a sign-in well under a second on this machine.
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verifying against a fixed hash when the account is unknown costs the same time: no e-mail probing by timing. */
let dummyHash: Promise<string> | null = null;
export async function burnVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword('koersbord-dummy-wachtwoord');
  await verifyPassword(await dummyHash, password);
}
