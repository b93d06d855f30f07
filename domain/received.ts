import { addWorkingDays, CalendarSnapshot, DateStr } from './calendar';
import type { PolicyProfile } from './policy';
import type { CaseProfile } from './profile-slice';

// 收件日期: a paper application reaches the township (or the village on its behalf, 帮办代办) before a
// clerk types it in. The time limit runs from the day it was received, within a window the profile sets.
// Every function takes `today` so the rules are tested on any day (31 December included).

export interface ReceivedFieldError {
  path: 'receivedOn' | 'receivedReason';
  message: string;
}

/** Working days back from today an application may have been received; 0 when the profile sets none. */
export function receivedWindowWorkingDays(profile: PolicyProfile): number {
  return profile.timeLimits.receivedWindowWorkingDays?.value ?? 0;
}

/** The earliest receipt date allowed today (the window counts working days back, today not counted). */
export function earliestReceivedOn(today: DateStr, profile: PolicyProfile, snapshot: CalendarSnapshot): DateStr {
  const n = receivedWindowWorkingDays(profile);
  return n === 0 ? today : addWorkingDays(today, -n, snapshot).date;
}

/** Not in the future, not before the profile's window, and a reason whenever it is earlier than today. */
export function checkReceivedOn(
  a: { receivedOn?: DateStr; receivedReason?: string },
  today: DateStr,
  profile: PolicyProfile,
  snapshot: CalendarSnapshot,
): ReceivedFieldError[] {
  if (a.receivedOn === undefined) return [];
  if (a.receivedOn > today) return [{ path: 'receivedOn', message: `receivedOn ${a.receivedOn} is in the future (today is ${today})` }];
  const earliest = earliestReceivedOn(today, profile, snapshot);
  const errs: ReceivedFieldError[] = [];
  if (a.receivedOn < earliest) {
    const n = receivedWindowWorkingDays(profile);
    errs.push({
      path: 'receivedOn',
      message: `receivedOn ${a.receivedOn} is earlier than ${earliest}: profile ${profile.id} v${profile.version} allows entering an application at most ${n} working days after it was received (${profile.timeLimits.receivedWindowWorkingDays?.source ?? 'no window set'})`,
    });
  }
  if (a.receivedOn < today && !a.receivedReason) {
    errs.push({
      path: 'receivedReason',
      message: 'an application entered after the day it was received says why (e.g. 村委会代收, 纸质申请)',
    });
  }
  return errs;
}

/** The day the application time limit counts from: received, or else accepted. */
export function applicationClockStart(s: { acceptedOn: DateStr; receivedOn?: DateStr | null }): DateStr {
  return s.receivedOn ?? s.acceptedOn;
}

/** 审核确认时限: the delegated limit where the township approves and the profile sets one, else the standard. */
export function applicationTimeLimit(p: CaseProfile, level: 'township' | 'county'): number {
  const delegated = p.timeLimits.delegatedWorkingDays.value;
  return level === 'township' && delegated !== null ? delegated : p.timeLimits.standardWorkingDays.value;
}
