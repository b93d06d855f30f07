import { approvalLevelMismatch, covers } from '../domain/access';
import type { Actor } from '../domain/case';
import { forbidden } from './errors';

export function requireRole(actor: Actor, allowed: readonly Actor['role'][], action: string): void {
  if (!allowed.includes(actor.role)) {
    throw forbidden(`${action} needs role ${allowed.join(' or ')}; ${actor.id} acts as ${actor.role}`);
  }
}

export function requireArea(actor: Actor, township: string): void {
  if (!covers(actor, township)) {
    throw forbidden(`township ${township} is outside ${actor.id}'s jurisdiction (${actor.jurisdiction ?? 'none'})`);
  }
}

export function requireApprovalLevel(actor: Actor, level: 'township' | 'county'): void {
  const why = approvalLevelMismatch(actor, level);
  if (why) throw forbidden(why);
}

/** The area a list covers: the actor's jurisdiction, narrowed to one township when asked for. */
export function listArea(actor: Actor, township?: string): string {
  if (township) {
    requireArea(actor, township);
    return township;
  }
  if (!actor.jurisdiction) throw forbidden(`${actor.id} has no jurisdiction`);
  return actor.jurisdiction;
}
