import type { Decimal } from 'decimal.js';

/**
 * A decimal value as the API takes it: a JS number (meaning the decimal it prints as, so `0.1`
 * is exactly one tenth), a decimal string (`'0.1234'`, `'-5'`, `'1.5e3'`) or a decimal.js
 * `Decimal`. Every price, quantity and amount the API takes is a `DecimalInput`.
 */
export type DecimalInput = string | number | Decimal;
