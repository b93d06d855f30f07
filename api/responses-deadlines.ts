import { z } from 'zod';
import { deadlineKinds } from '../domain/deadline-ledger';

// Response bodies of the deadline routes (api/use-cases/due-date.ts, db/binding-repo.ts, the case's
// deadline ledger in domain/deadline-ledger.ts) and the supervision attention list (db/attention-repo.ts).

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timestamp = z.string().meta({ format: 'date-time' });
const int = z.number().int();

export const dueDateResponse = z.object({
  from: date,
  workingDays: int,
  due: date,
  provisional: z.boolean().meta({ description: 'a counted day fell in a year whose official schedule is not loaded (weekends assumed)' }),
  provisionalYears: z.array(int),
  crossed: z
    .object({ holidays: z.array(date), workdays: z.array(date) })
    .meta({ description: 'official holidays (放假) and make-up working days (调休上班) passed' }),
});

/** domain/profile-bindings.ts ProfileBinding. */
export const bindingResponse = z.object({
  region: z.string(),
  regionName: z.string(),
  profileId: z.string(),
  profileVersion: int.nullable(),
  effectiveFrom: date,
  source: z.string(),
  boundBy: z.string(),
  boundRole: z.string(),
  boundAt: timestamp,
});
export const bindingsResponse = z.object({
  items: z.array(bindingResponse),
  total: int,
  page: int,
  pageSize: int,
  inForce: z
    .object({ township: z.string(), on: date, binding: bindingResponse.nullable() })
    .optional()
    .meta({ description: 'with township=: the binding in force there on `on`' }),
});
export const bindingHistoryResponse = z.object({ region: z.string(), changes: z.array(bindingResponse) });

/** domain/deadline-ledger.ts LedgerEntry. */
const ledgerEntryResponse = z.object({
  key: z.string(),
  kind: z.enum(Object.keys(deadlineKinds) as [keyof typeof deadlineKinds, ...(keyof typeof deadlineKinds)[]]),
  label: z.string(),
  start: date,
  unit: z.enum(['workingDays', 'calendarDays', 'months']),
  amount: int,
  warnBefore: int.nullable(),
  due: date,
  warnOn: date.nullable(),
  provisional: z.boolean(),
  provisionalYears: z.array(int),
  open: z.boolean(),
  closedOn: date.nullable(),
  pauses: z.array(z.object({ from: date, to: date.nullable(), reason: z.string() })),
  log: z.array(z.object({ at: date, oldDue: date.nullable(), newDue: date, reason: z.string() })),
});
export const ledgerResponse = z.object({
  caseId: z.string(),
  legacy: z.boolean().meta({ description: 'the case started before the ledger: no entries' }),
  entries: z.array(ledgerEntryResponse),
});

export const attentionResponse = z.object({
  items: z.array(
    z.object({
      caseId: z.string(),
      township: z.string(),
      program: z.string(),
      stage: z.string(),
      kind: z.string(),
      reason: z.string(),
      seq: int.nullable(),
      firstSeenAt: timestamp,
      lastSeenAt: timestamp,
      occurrences: int,
    }),
  ),
  total: int,
  page: int,
  pageSize: int,
});
