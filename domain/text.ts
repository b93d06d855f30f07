// What text the system accepts, in one place: everything a person types ends up in a PostgreSQL
// text or jsonb column, a JSON payload and, often, a printed notice. PostgreSQL cannot store NUL,
// jsonb refuses a lone surrogate, and other control characters garble notices. Pure (no Node
// built-ins, no zod): the API schemas and the workflows' update validators both use it.

/**
 * Maximum lengths per kind of field, in UTF-16 code units (one per Chinese character):
 * name: a person's name (姓名, investigator, objector's name); label: a short identifier or
 * label (household number, village, relation, staff or clerk id, material code); address: a
 * postal address or place; item: one reason or piece of evidence in a list; long: findings,
 * reasons, notes, details; minutes: democratic-review minutes (民主评议记录), the longest text.
 */
export const TEXT_LIMITS = { name: 50, label: 100, address: 200, item: 500, long: 2000, minutes: 5000 } as const;

/** The largest any field may be: the workflows' backstop, whatever the field. */
export const MAX_TEXT = TEXT_LIMITS.minutes;

// C0 controls except tab (\t) and newline (\n, or \r\n as browsers send from a textarea), DEL, C1.
const MULTILINE_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
// Names and labels are single lines: no tab or newline either.
const SINGLE_LINE_BAD = /[\u0000-\u001F\u007F-\u009F]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextShape = 'single-line' | 'multiline';

/** Why this text cannot be stored, or null when it can. */
export function textProblem(s: string, shape: TextShape = 'multiline'): string | null {
  const control = (shape === 'single-line' ? SINGLE_LINE_BAD : MULTILINE_BAD).exec(s);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const allowed =
      shape === 'single-line' ? 'no control characters are allowed in a single-line field' : 'only newline and tab are allowed';
    return `contains a control character (控制字符) U+${code} at position ${control.index + 1}; ${allowed}`;
  }
  const lone = LONE_SURROGATE.exec(s);
  if (lone) return `contains an unpaired surrogate (无效的Unicode字符) at position ${lone.index + 1}`;
  return null;
}

export interface TextFault {
  /** Dotted path to the string, as in the API's field errors (`members.0.name`). */
  path: string;
  message: string;
}

/**
 * The first string anywhere in a JSON-like value (object keys included) that cannot be stored,
 * or is longer than `max`. Used where a whole input must be checked at once (workflow updates,
 * the acceptance before a case number is drawn).
 */
export function findTextFault(value: unknown, max: number = MAX_TEXT, path: string[] = []): TextFault | null {
  const at = () => path.join('.') || '(value)';
  if (typeof value === 'string') {
    const p = textProblem(value);
    if (p) return { path: at(), message: p };
    if (value.length > max) return { path: at(), message: `is ${value.length} characters long; at most ${max} are allowed` };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const f = findTextFault(value[i], max, [...path, String(i)]);
      if (f) return f;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = textProblem(k);
      if (key) return { path: [...path, k].join('.'), message: `field name ${key}` };
      const f = findTextFault(v, max, [...path, k]);
      if (f) return f;
    }
  }
  return null;
}
