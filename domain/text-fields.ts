import { z } from 'zod';
import { TEXT_LIMITS, TextShape, textProblem } from './text';

// The zod side of domain/text.ts: every free-text or name field in a request schema is built
// here, so one rule (no control characters but newline and tab, no unpaired surrogates, a
// maximum length per kind of field) holds for all of them and a refusal names the field.

function field(max: number, shape: TextShape) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty (不能为空)')
    .max(max, `at most ${max} characters (最多${max}个字)`)
    .superRefine((s, ctx) => {
      const p = textProblem(s, shape);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });
}

/** Free text that may run over lines: findings, reasons, notes (default 2000). */
export const text = (max: number = TEXT_LIMITS.long) => field(max, 'multiline');
/** A person's name: one line, at most 50. */
export const personName = (max: number = TEXT_LIMITS.name) => field(max, 'single-line');
/** A short single-line label or identifier (household number, village, staff id; default 100). */
export const label = (max: number = TEXT_LIMITS.label) => field(max, 'single-line');
/** A postal address or place: one line, at most 200. */
export const address = (max: number = TEXT_LIMITS.address) => field(max, 'single-line');
