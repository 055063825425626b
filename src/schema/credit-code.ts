/**
 * The 统一社会信用代码 (unified social credit code) of GB 32100-2015: 18 characters from a
 * 31-character alphabet (digits and capitals without I, O, Z, S, V); the last is a check
 * character over the first 17 (weights 3^i mod 31, check = 31 − sum mod 31).
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck =
  | { ok: true }
  | { ok: false; reason: 'length'; length: number }
  | { ok: false; reason: 'character'; char: string; position: number }
  | { ok: false; reason: 'check'; expected: string; found: string };

/** The check character the first 17 characters call for (they must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '') * WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function checkCreditCode(code: string): CreditCodeCheck {
  const chars = [...code];
  if (chars.length !== 18) return { ok: false, reason: 'length', length: chars.length };
  const bad = chars.findIndex((c) => !CREDIT_CODE_ALPHABET.includes(c));
  if (bad >= 0) return { ok: false, reason: 'character', char: chars[bad]!, position: bad + 1 };
  const expected = creditCodeCheckChar(code);
  const found = code[17]!;
  return expected === found ? { ok: true } : { ok: false, reason: 'check', expected, found };
}
