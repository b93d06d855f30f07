import { maskIdNumber } from './application';

/** Masks every resident ID number inside free text, for logs and anything published. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(/\d{17}[\dXx]/g, (id) => maskIdNumber(id));
}
