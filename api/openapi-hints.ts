import { z } from 'zod';
import { applicationSchema, idNumberInputs, isValidIdNumber } from '../domain/application';
import { temporaryAidSchema } from '../domain/temporary';
import { isDateStr } from '../domain/calendar';

// z.toJSONSchema carries types, lengths, patterns, ranges, enums and required fields; a refinement
// (a function) it cannot see. These hints keep the document from being looser than the validators:
// known refinements become JSON Schema keywords, the rest are named in `description`.

type JsonSchema = Record<string, unknown>;
type Check = { _zod: { def: { check: string; fn?: (v: unknown) => unknown; tx?: (v: unknown) => unknown; error?: () => unknown } } };

const DATE = { format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const ID_NUMBER = { pattern: '^\\s*\\d{17}[\\dXx]\\s*$' };

const checksOf = (s: z.ZodType): Check[] => (s._zod.def as { checks?: Check[] }).checks ?? [];

function isTrim(c: Check): boolean {
  if (c._zod.def.check !== 'overwrite' || !c._zod.def.tx) return false;
  try {
    return c._zod.def.tx(' a ') === 'a';
  } catch {
    return false;
  }
}

const addDescription = (js: JsonSchema, text: string) => {
  if (!String(js.description ?? '').includes(text)) js.description = js.description ? `${js.description}; ${text}` : text;
};

/** The `override` hook of z.toJSONSchema: adds what the refinements of one schema require. */
export function refinementHints(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const s = ctx.zodSchema as unknown as z.ZodType;
  const js = ctx.jsonSchema;
  if (idNumberInputs.has(s)) {
    // The raw string of an ID number field, refined (and upper-cased) after it.
    if (!js.pattern) Object.assign(js, ID_NUMBER);
    addDescription(js, 'an 18-character resident ID number (GB 11643): valid region, an existing birth date and the right check character');
  }
  for (const c of checksOf(s)) {
    const d = c._zod.def;
    if (d.check === 'custom' && d.fn === isDateStr) {
      Object.assign(js, js.pattern ? { format: 'date' } : DATE);
      addDescription(js, 'a calendar date YYYY-MM-DD that exists');
    } else if (d.check === 'custom' && d.fn === isValidIdNumber) {
      if (!js.pattern) Object.assign(js, ID_NUMBER);
      addDescription(
        js,
        'an 18-character resident ID number (GB 11643): valid region, an existing birth date and the right check character',
      );
    } else if (d.check === 'custom') {
      const msg = d.error?.();
      const text = typeof msg === 'string' ? msg : (msg as { message?: string } | undefined)?.message;
      if (text) addDescription(js, `also checked: ${text}`);
    } else if (isTrim(c) && js.type === 'string') {
      // Trimmed before the length checks: blank text does not count as text.
      if (typeof js.minLength === 'number' && js.minLength > 0 && !js.pattern) js.pattern = '\\S';
      addDescription(js, 'surrounding white space is ignored');
    }
  }
}

// Rules across fields (superRefine) carry no message of their own until they fail: say them here.
z.globalRegistry.add(applicationSchema, {
  description:
    'Also checked: exactly one member has relation "applicant"; members\' ID numbers are distinct; a dibao_single ' +
    'application names in singlePersonIdNumber one of the members; the profile must exist and the materials it requires be listed (一次性告知).',
});
z.globalRegistry.add(temporaryAidSchema, {
  description:
    'Also checked: an emergency describes its incident, an expense case its expense, an unemployed case its unemployment; ' +
    'special: true needs a specialReason; the profile must have temporary-assistance rules.',
});
